/**
 * Issue [9/10] "Fault matrix", on the local stack (`local up`'s stack started in-process on a
 * folder, as the CLI does; `replay` and `sync` run as CLI commands on that folder afterwards).
 * Each fault ends SUCCEEDED after the ASL's retries, or FAILED with a cause that says what to do
 * and is then finished by `replay` or `sync`; after which: no dropped object lost, no MySQL
 * column dropped, no table half-loaded (rds.load replace, row counts against the files), nothing
 * written to a database other than the stack's.
 *
 * 1. MySQL unreachable during SyncRdsDdl and during LoadRows (mid-chunk, and a chunk's COMMIT
 *    whose answer is lost) — here (a TCP relay to MariaDB taken down and up: mysql-fault-relay.ts). Also: workflow-rds.test.ts (retried, then the
 *    step redone by hand), replay.test.ts (`replay --retarget` after a run against a closed port).
 * 2. A metadata lock held by another session during SyncRdsDdl's ALTER and LoadRows' RENAME
 *    swap — here. Also: workflow-rds-lock.test.ts (the lock timeout retried, then FAILED naming
 *    the table).
 * 3. S3 failing in the middle of a copy or a transcoding upload — fault-matrix-b.test.ts.
 * 4. The Glue endpoint answering errors or timing out during polling — fault-matrix-b.test.ts.
 * 5. A crawl ending FAILED — here (the file fixed, then `sync`). Also: workflow-crawl.test.ts
 *    (the cause's wording; a redrive refused at the Fail state).
 * 6. `local up` killed with SIGKILL in the middle of a burst — fault-matrix-b.test.ts.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import iconv from 'iconv-lite';
import type { RowDataPacket } from 'mysql2/promise';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordSettings } from '../../cli/recorded-stack-settings.js';
import { startLocalS3 } from '../../local/s3/local-s3-server.js';
import { type LocalStack, startLocalStack } from '../../local/stack/local-stack.js';
import {
  type ExecutionRecord,
  type HistoryEvent,
  summarizeStates,
} from '../../local/workflow/execution-record.js';
import { FolderExecutionStore } from '../../local/workflow/folder-execution-store.js';
import { createS3Client } from '../../shared/aws/s3-client.js';
import { loadConfig } from '../../shared/config/load-config.js';
import type { FilingOutcome } from '../../shared/filing/filing-outcome.js';
import { createLogger } from '../../shared/logging/logger.js';
import { mysqlSettingsFromUrl, mysqlTargetOf } from '../../shared/mysql/mysql-settings.js';
import { type MysqlConnection, openMysql } from '../../shared/mysql/open-mysql.js';
import { openTestDatabase, type TestDatabase, testMysqlSettings } from '../mysql/test-database.js';
import { runCliInProcess } from '../support/run-cli.js';
import { BUCKET, tempDir } from './local-test-support.js';
import { type MysqlFaultRelay, startMysqlFaultRelay } from './mysql-fault-relay.js';

/** A name no other test uses: other tests' databases on the shared server never hold it. */
const TABLE = '장애대응명부';
const HEADER = ['학번', '이름', '반', '비고'];
/** Small chunks: a load of 30 rows is several LoadRows invocations, each committed on its own. */
const CHUNK_BYTES = 160;

/** A Korean roster, each snapshot's values tagged so that MySQL says which one it holds. */
function roster(rows: number, tag: string, extra: string[] = []): string {
  const lines = Array.from({ length: rows }, (_, i) =>
    [
      String(i + 1).padStart(4, '0'),
      `학생${i}${tag}`,
      `${(i % 6) + 1}반`,
      i % 4 === 0 ? `"서울, 마포구 ${tag}"` : `비고${i}`,
      ...extra.map((column) => `${column}${i}`),
    ].join(','),
  );
  return `${[[...HEADER, ...extra].join(','), ...lines].join('\n')}\n`;
}

/** One test's world: a stack folder, its configuration file, its MySQL database and relay. */
interface FaultWorld {
  dir: string;
  configPath: string;
  db: TestDatabase;
  relay: MysqlFaultRelay;
  /** Dropped file name → its bytes, to find each again afterwards. */
  dropped: Map<string, Buffer>;
  /** Dropped file name → who waits for its filing outcome. */
  filingWaiters: Map<string, (outcome: FilingOutcome) => void>;
}

type OnEvent = (record: ExecutionRecord, event: HistoryEvent) => void;

/**
 * Starts the stack on the world's folder with MySQL through the relay and records the folder's
 * settings as `local up` does, so `replay` and `sync` on the folder run as it did.
 */
async function openStack(world: FaultWorld, onEvent?: OnEvent): Promise<LocalStack> {
  const config = await loadConfig(world.configPath);
  const mysql = mysqlSettingsFromUrl(world.relay.url(world.db.database));
  const stack = await startLocalStack({
    dir: world.dir,
    bucket: BUCKET,
    s3Port: 0,
    gluePort: 0,
    config,
    mysqlSettings: async () => mysql,
    logger: createLogger({ logLevel: 'SILENT' }),
    onExecutionEvent: onEvent,
    onFiling: (outcome) => world.filingWaiters.get(outcome.sourceKey)?.(outcome),
  });
  recordSettings(world.dir, { config: world.configPath, mysql: mysqlTargetOf(mysql) });
  return stack;
}

/** Drops a file at the bucket root, waits until it is filed and its execution ended. */
async function drop(world: FaultWorld, stack: LocalStack, name: string, body: string | Buffer) {
  const bytes = Buffer.from(body);
  world.dropped.set(name, bytes);
  const filed = new Promise<FilingOutcome>((resolve) => world.filingWaiters.set(name, resolve));
  await stack.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: name, Body: bytes }));
  const filing = await filed;
  if (filing.status !== 'filed' || !filing.execution) {
    throw new Error(`${name} was not filed: ${JSON.stringify(filing)}`);
  }
  return stack.workflow.wait(filing.execution.name);
}

/** The execution as its folder holds it (after the stack closed, or after a CLI command). */
function recordOf(world: FaultWorld, name: string): ExecutionRecord {
  const record = new FolderExecutionStore(join(world.dir, 'executions'), { readOnly: true }).get(
    name,
  );
  if (!record) throw new Error(`no execution ${name} in ${world.dir}`);
  return record;
}

/** The events after the last redrive, and how each state fared in them. */
function afterRedrive(record: ExecutionRecord) {
  const at = record.events.findLastIndex((e) => e.type === 'ExecutionRedriven');
  const events = record.events.slice(at + 1);
  return { redriven: at >= 0, events, states: summarizeStates(events) };
}

async function replay(world: FaultWorld, name: string) {
  return runCliInProcess([
    'replay',
    name,
    '--dir',
    world.dir,
    '--mysql-url',
    world.relay.url(world.db.database),
  ]);
}

/** Every object in the stack folder's bucket with its bytes, read with the stack stopped. */
async function bucketObjects(dir: string): Promise<Map<string, Buffer>> {
  const server = await startLocalS3({ dir: join(dir, 's3'), buckets: [BUCKET] });
  const client = createS3Client({ endpoint: server.endpoint });
  try {
    const objects = new Map<string, Buffer>();
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket: BUCKET, ContinuationToken: token }),
      );
      for (const { Key: key = '' } of page.Contents ?? []) {
        const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
        objects.set(key, Buffer.from(await object.Body!.transformToByteArray()));
      }
      token = page.NextContinuationToken;
    } while (token);
    return objects;
  } finally {
    client.destroy();
    await server.close();
  }
}

/**
 * Each dropped file is in its table's prefix, `_archive/`, `_raw/`, or still at the root, with
 * the bytes it was dropped with (the drops here are UTF-8: filing copies them as they are).
 */
async function expectNoSourceLost(world: FaultWorld, table: string) {
  const objects = await bucketObjects(world.dir);
  for (const [name, bytes] of world.dropped) {
    const places = [`${table}/${name}`, `_archive/${table}/${name}`, `_raw/${table}/${name}`, name];
    const found = places.find((key) => objects.has(key));
    expect(found, `${name} in ${[...objects.keys()].join(', ')}`).toBeDefined();
    expect(objects.get(found ?? '')?.equals(bytes), `${found} holds the bytes dropped`).toBe(true);
  }
}

async function rowCount(db: TestDatabase, table: string): Promise<number> {
  const [rows] = await db.connection.query<RowDataPacket[]>(
    `SELECT COUNT(*) AS n FROM \`${db.database}\`.\`${table}\``,
  );
  return Number(rows[0]?.n);
}

/** The names of a table's rows (이름), sorted: which snapshot the table holds. */
async function names(db: TestDatabase, table: string): Promise<string[]> {
  const [rows] = await db.connection.query<RowDataPacket[]>(
    `SELECT \`이름\` AS name FROM \`${db.database}\`.\`${table}\` ORDER BY \`학번\``,
  );
  return rows.map((r) => String(r.name));
}

const namesOf = (rows: number, tag: string) =>
  Array.from({ length: rows }, (_, i) => `학생${i}${tag}`);

/**
 * What the stack wrote outside its own database: every database on the server (listed before
 * and after each test; others' tests come and go meanwhile) is searched for this test's table,
 * its load's companion tables, and load records of it. The table's name is used by no other
 * test, so anything found came from here.
 */
async function foreignFootprint(db: TestDatabase): Promise<string[]> {
  const [databases] = await db.connection.query<RowDataPacket[]>('SHOW DATABASES');
  const others = databases.map((r) => String(Object.values(r)[0])).filter((d) => d !== db.database);
  const [tables] = await db.connection.query<RowDataPacket[]>(
    'SELECT TABLE_SCHEMA AS db, TABLE_NAME AS name FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA <> ? AND (TABLE_NAME = ? OR TABLE_NAME LIKE ? OR TABLE_NAME = ?)',
    [db.database, TABLE, `${TABLE}\\_\\_%`, '_csv_catalog_loads'],
  );
  const found: string[] = [];
  for (const { db: database, name } of tables) {
    if (!others.includes(String(database))) continue;
    if (name !== '_csv_catalog_loads') {
      found.push(`${database}.${name}`);
      continue;
    }
    const [records] = await db.connection
      .query<RowDataPacket[]>(
        `SELECT COUNT(*) AS n FROM \`${database}\`._csv_catalog_loads WHERE table_name = ?`,
        [TABLE],
      )
      // Another test's database dropped between the listing and this read: nothing of ours.
      .catch(() => [[{ n: 0 }]] as unknown as [RowDataPacket[]]);
    if (Number(records[0]?.n) > 0) found.push(`${database}._csv_catalog_loads (${TABLE})`);
  }
  return found.sort();
}

/** The stack's database holds the table and the load record only: no staging table left. */
async function expectNoStagingLeft(db: TestDatabase) {
  expect(await db.tables()).toEqual(['_csv_catalog_loads', TABLE].sort());
}

/** Another session: BEGIN, read the table, keep the transaction open (its metadata lock held). */
async function holdTable(db: TestDatabase, table: string): Promise<MysqlConnection> {
  const session = await openMysql(testMysqlSettings());
  await session.query('START TRANSACTION');
  await session.query(`SELECT COUNT(*) FROM \`${db.database}\`.\`${table}\``);
  return session;
}

/**
 * Calls `act` once, when `state` has failed `times` times (counted from the call). The library
 * records StateFailed before its retrier's wait: the act lands before the next attempt.
 */
function onFailure(state: string, times: number, act: () => void): OnEvent {
  let failed = 0;
  return (_record, event) => {
    if (event.type === 'StateFailed' && event.stateName === state && ++failed === times) act();
  };
}

/** MySQL away, past the retries: the cause names where, why, and what to do. */
function expectUnavailableCause(cause: string | undefined, port: number) {
  expect(JSON.parse(cause ?? '{}').errorMessage).toMatch(
    new RegExp(
      `^MySQL at 127\\.0\\.0\\.1:${port} is unavailable: .*ECONNREFUSED.*\\. Start it or fix the network path to it; .*once MySQL answers a redrive of a failed execution \\(\`csv-catalog replay <execution>\`\\) resumes at that step$`,
    ),
  );
}

/** A lock held past the retries: the cause names the table, the statement, who holds it, what to do. */
function expectLockCause(cause: string | undefined, db: TestDatabase, statement: string) {
  const message = String(JSON.parse(cause ?? '{}').errorMessage);
  expect(message).toContain(
    `MySQL table \`${db.database}\`.\`${TABLE}\` is locked: ${statement} waited 1 s (rds.lockWaitSeconds)`,
  );
  expect(message).toMatch(/; end it with COMMIT or KILL \d+\)/);
  expect(message).toMatch(
    /past its retries, end that transaction, then redrive the execution \(`csv-catalog replay <execution>`\): it resumes at that step$/,
  );
}

describe('fault matrix A: MySQL away, MySQL locked, a crawl failing — on the local stack', () => {
  let world: FaultWorld;
  let folder: Awaited<ReturnType<typeof tempDir>>;
  let stack: LocalStack | undefined;
  let holder: MysqlConnection | undefined;
  let footprintBefore: string[];

  beforeEach(async () => {
    folder = await tempDir('fault-matrix-a');
    const configPath = join(folder.path, 'csv-catalog.config.json');
    await writeFile(
      configPath,
      JSON.stringify({ rds: { load: 'replace', chunkBytes: CHUNK_BYTES, lockWaitSeconds: 1 } }),
    );
    const db = await openTestDatabase();
    world = {
      dir: join(folder.path, 'stack'),
      configPath,
      db,
      relay: await startMysqlFaultRelay(),
      dropped: new Map(),
      filingWaiters: new Map(),
    };
    footprintBefore = await foreignFootprint(db);
  });
  afterEach(async () => {
    await holder?.end().catch(() => undefined);
    holder = undefined;
    await stack?.close();
    stack = undefined;
    // Nothing of this test's table outside the stack's database, before or after.
    const footprintAfter = await foreignFootprint(world.db);
    await world.relay.close();
    await world.db.drop();
    await folder.remove();
    expect(footprintBefore).toEqual([]);
    expect(footprintAfter).toEqual([]);
  });

  const closeStack = async () => {
    await stack?.close();
    stack = undefined;
  };

  describe('1. MySQL unreachable', () => {
    it('during SyncRdsDdl: retried, FAILED with the cause; MySQL back, `replay` finishes it and loads every row', async () => {
      // Prepare: MySQL is away before the file arrives
      await world.relay.down();
      stack = await openStack(world);
      const file = `${TABLE}_202509011200.csv`;

      // Act
      const failed = await drop(world, stack, file, roster(30, '-가'));
      await closeStack();
      await world.relay.up();
      const replayed = await replay(world, failed.name);

      // Assess: failed where MySQL was needed, after the ASL's four retries
      expect(failed).toMatchObject({ status: 'FAILED', error: 'RdsUnavailable' });
      expect(failed.states.find((s) => s.name === 'SyncRdsDdl')).toMatchObject({
        status: 'FAILED',
        retries: 4,
      });
      expectUnavailableCause(failed.cause, world.relay.port);
      // Assess: the replay ran from SyncRdsDdl, loaded the file whole
      expect(replayed.stdout, replayed.stderr).toContain(
        `redriving ${failed.name} from SyncRdsDdl\n`,
      );
      expect(replayed.exitCode).toBe(0);
      const record = recordOf(world, failed.name);
      expect(record.status).toBe('SUCCEEDED');
      const after = afterRedrive(record);
      expect(after.states.map((s) => s.name).slice(0, 1)).toEqual(['SyncRdsDdl']);
      expect(record.output).toMatchObject({ load: { done: true, rows: 30, mode: 'replace' } });
      expect((await world.db.columns(TABLE)).map((c) => c.name)).toEqual(HEADER);
      expect(await rowCount(world.db, TABLE)).toBe(30);
      await expectNoStagingLeft(world.db);
      await expectNoSourceLost(world, TABLE);
    });

    it('during SyncRdsDdl, back after one failed attempt: SUCCEEDED with no one acting', async () => {
      // Prepare
      await world.relay.down();
      stack = await openStack(
        world,
        onFailure('SyncRdsDdl', 1, () => void world.relay.up()),
      );

      // Act
      const execution = await drop(world, stack, `${TABLE}_202509011200.csv`, roster(12, '-가'));

      // Assess
      expect(execution.status, execution.cause).toBe('SUCCEEDED');
      expect(execution.states.find((s) => s.name === 'SyncRdsDdl')).toMatchObject({
        status: 'SUCCEEDED',
        error: 'RdsUnavailable',
      });
      expect(await names(world.db, TABLE)).toEqual(namesOf(12, '-가'));
      await expectNoSourceLost(world, TABLE);
    });

    it('in the middle of a LoadRows chunk, back after two failed attempts: SUCCEEDED, every row once', async () => {
      // Prepare: the connection is lost during the second chunk's LOAD DATA
      stack = await openStack(
        world,
        onFailure('LoadRows', 2, () => void world.relay.up()),
      );
      const wentDown = world.relay.downDuringLoadData(2);

      // Act
      const execution = await drop(world, stack, `${TABLE}_202509011200.csv`, roster(30, '-가'));
      await wentDown;

      // Assess
      expect(execution.status, execution.cause).toBe('SUCCEEDED');
      const load = execution.states.find((s) => s.name === 'LoadRows');
      expect(load).toMatchObject({ status: 'SUCCEEDED', error: 'RdsUnavailable' });
      expect(load?.retries).toBeGreaterThanOrEqual(2);
      expect(execution.output).toMatchObject({ load: { done: true, rows: 30 } });
      // The first failure is the connection lost in the middle of the chunk's LOAD DATA.
      const failures = stack.workflow
        .history(execution.name)
        .filter((e) => e.stateName === 'LoadRows' && e.type === 'StateFailed');
      expect(failures[0]).toMatchObject({
        error: 'RdsUnavailable',
        cause: expect.stringContaining(
          'is unavailable: Connection lost: The server closed the connection. Start it',
        ),
      });
      expect(await names(world.db, TABLE)).toEqual(namesOf(30, '-가'));
      await expectNoStagingLeft(world.db);
      await expectNoSourceLost(world, TABLE);
    });

    it('losing the answer to a chunk’s COMMIT: retried, that chunk neither loaded twice nor skipped', async () => {
      // Prepare: the second chunk's COMMIT reaches MySQL, its answer does not; back at once
      stack = await openStack(
        world,
        onFailure('LoadRows', 1, () => void world.relay.up()),
      );
      const wentDown = world.relay.downOnCommitReply(2);

      // Act
      const execution = await drop(world, stack, `${TABLE}_202509011200.csv`, roster(30, '-가'));
      await wentDown;

      // Assess: the attempt after the lost answer took the record's word and went on from there
      expect(execution.status, execution.cause).toBe('SUCCEEDED');
      const events = stack.workflow.history(execution.name);
      const failedAt = events.findIndex((e) => e.type === 'StateFailed');
      expect(events[failedAt]).toMatchObject({
        stateName: 'LoadRows',
        error: 'RdsUnavailable',
        cause: expect.stringContaining('Connection lost'),
      });
      const answered = events
        .slice(failedAt)
        .find((e) => e.type === 'StateExited' && e.stateName === 'LoadRows');
      expect(answered?.output).toMatchObject({ load: { resumed: true, chunks: 3 } });
      expect(execution.output).toMatchObject({ load: { done: true, rows: 30 } });
      expect(await names(world.db, TABLE)).toEqual(namesOf(30, '-가'));
      await expectNoStagingLeft(world.db);
      await expectNoSourceLost(world, TABLE);
    });

    it('in the middle of a LoadRows chunk and staying away: FAILED, the live table still the old snapshot; `replay` resumes from the committed chunk', async () => {
      // Prepare: a first snapshot loaded; MySQL goes away during the third chunk of the second
      stack = await openStack(world);
      const first = await drop(world, stack, `${TABLE}_202509011200.csv`, roster(20, '-가'));
      expect(first.status, first.cause).toBe('SUCCEEDED');
      const wentDown = world.relay.downDuringLoadData(3);

      // Act
      const failed = await drop(world, stack, `${TABLE}_202509021200.csv`, roster(30, '-나'));
      await wentDown;
      await closeStack();
      const whileFailed = await names(world.db, TABLE);
      await world.relay.up();
      const replayed = await replay(world, failed.name);

      // Assess: failed at LoadRows; readers still saw the whole first snapshot, not a part
      expect(failed).toMatchObject({ status: 'FAILED', error: 'RdsUnavailable' });
      expect(failed.states.find((s) => s.name === 'LoadRows')).toMatchObject({
        status: 'FAILED',
        retries: 4,
      });
      expectUnavailableCause(failed.cause, world.relay.port);
      expect(whileFailed).toEqual(namesOf(20, '-가'));
      // Assess: the replay's first LoadRows starts past the two chunks committed before the cut
      expect(replayed.exitCode, `${replayed.stdout}\n${replayed.stderr}`).toBe(0);
      const record = recordOf(world, failed.name);
      const after = afterRedrive(record);
      const firstLoad = after.events.find(
        (e) => e.type === 'StateEntered' && e.stateName === 'LoadRows',
      );
      expect(firstLoad?.input).toMatchObject({ load: { chunks: 2 } });
      const resumedAt = (firstLoad?.input as { load?: { offset?: number } } | undefined)?.load
        ?.offset;
      expect(resumedAt).toBeGreaterThan(0);
      expect(record).toMatchObject({
        status: 'SUCCEEDED',
        output: { load: { done: true, rows: 30, mode: 'replace' } },
      });
      const chunks = (record.output as { load: { chunks: number } }).load.chunks;
      expect(after.states.find((s) => s.name === 'LoadRows')?.entered).toBe(chunks - 2);
      expect(await names(world.db, TABLE)).toEqual(namesOf(30, '-나'));
      expect((await world.db.columns(TABLE)).map((c) => c.name)).toEqual(HEADER);
      await expectNoStagingLeft(world.db);
      await expectNoSourceLost(world, TABLE);
    });
  });

  describe('2. a metadata lock held by another session', () => {
    it('during SyncRdsDdl’s ALTER, held past the retries: FAILED with RdsLockTimeout; released, `replay` adds the column and loads', async () => {
      // Prepare: the table exists; a session holds it; the next snapshot brings a column
      stack = await openStack(world);
      const first = await drop(world, stack, `${TABLE}_202509011200.csv`, roster(10, '-가'));
      expect(first.status, first.cause).toBe('SUCCEEDED');
      holder = await holdTable(world.db, TABLE);

      // Act
      const failed = await drop(
        world,
        stack,
        `${TABLE}_202509021200.csv`,
        roster(14, '-나', ['연락처']),
      );
      await closeStack();
      const whileFailed = await names(world.db, TABLE);
      const columnsWhileFailed = (await world.db.columns(TABLE)).map((c) => c.name);
      await holder.query('COMMIT');
      const replayed = await replay(world, failed.name);

      // Assess
      expect(failed).toMatchObject({ status: 'FAILED', error: 'RdsLockTimeout' });
      expect(failed.states.find((s) => s.name === 'SyncRdsDdl')).toMatchObject({
        status: 'FAILED',
        retries: 4,
      });
      expectLockCause(failed.cause, world.db, 'ALTER TABLE');
      expect(whileFailed).toEqual(namesOf(10, '-가'));
      expect(columnsWhileFailed).toEqual(HEADER);
      expect(replayed.exitCode, `${replayed.stdout}\n${replayed.stderr}`).toBe(0);
      expect(recordOf(world, failed.name)).toMatchObject({
        status: 'SUCCEEDED',
        output: { load: { done: true, rows: 14 } },
      });
      expect((await world.db.columns(TABLE)).map((c) => c.name)).toEqual([...HEADER, '연락처']);
      expect(await names(world.db, TABLE)).toEqual(namesOf(14, '-나'));
      await expectNoStagingLeft(world.db);
      await expectNoSourceLost(world, TABLE);
    });

    it('during LoadRows’ RENAME swap, released after two failed attempts: SUCCEEDED', async () => {
      // Prepare
      const release = () => void holder?.query('COMMIT');
      stack = await openStack(world, onFailure('LoadRows', 2, release));
      const first = await drop(world, stack, `${TABLE}_202509011200.csv`, roster(10, '-가'));
      expect(first.status, first.cause).toBe('SUCCEEDED');
      holder = await holdTable(world.db, TABLE);

      // Act
      const second = await drop(world, stack, `${TABLE}_202509021200.csv`, roster(12, '-나'));

      // Assess: the swap waited, was retried, and went through once the session committed
      expect(second.status, second.cause).toBe('SUCCEEDED');
      const load = second.states.find((s) => s.name === 'LoadRows');
      expect(load).toMatchObject({ status: 'SUCCEEDED', error: 'RdsLockTimeout' });
      expect(load?.retries).toBeGreaterThanOrEqual(2);
      expect(await names(world.db, TABLE)).toEqual(namesOf(12, '-나'));
      await expectNoStagingLeft(world.db);
      await expectNoSourceLost(world, TABLE);
    });

    it('during LoadRows’ RENAME swap, held past the retries: FAILED, the old rows live; released, `replay` swaps without loading again', async () => {
      // Prepare
      stack = await openStack(world);
      const first = await drop(world, stack, `${TABLE}_202509011200.csv`, roster(10, '-가'));
      expect(first.status, first.cause).toBe('SUCCEEDED');
      holder = await holdTable(world.db, TABLE);

      // Act
      const failed = await drop(world, stack, `${TABLE}_202509021200.csv`, roster(12, '-나'));
      await closeStack();
      const whileFailed = await names(world.db, TABLE);
      await holder.query('COMMIT');
      const replayed = await replay(world, failed.name);

      // Assess
      expect(failed).toMatchObject({ status: 'FAILED', error: 'RdsLockTimeout' });
      expect(failed.states.find((s) => s.name === 'LoadRows')).toMatchObject({
        status: 'FAILED',
        retries: 4,
      });
      expectLockCause(failed.cause, world.db, 'RENAME TABLE');
      expect(whileFailed).toEqual(namesOf(10, '-가'));
      expect(replayed.exitCode, `${replayed.stdout}\n${replayed.stderr}`).toBe(0);
      const record = recordOf(world, failed.name);
      expect(record).toMatchObject({
        status: 'SUCCEEDED',
        output: { load: { done: true, rows: 12, resumed: true } },
      });
      // Every chunk was staged before the swap timed out: the replay only swaps.
      expect(afterRedrive(record).states.find((s) => s.name === 'LoadRows')?.entered).toBe(1);
      expect(await names(world.db, TABLE)).toEqual(namesOf(12, '-나'));
      await expectNoStagingLeft(world.db);
      await expectNoSourceLost(world, TABLE);
    });
  });

  describe('5. a crawl ending FAILED', () => {
    it('says which file to fix and to run sync; the file fixed, `sync --table` catalogs and loads the table', async () => {
      // Prepare: a file put by hand into the table's prefix, as a Korean Windows tool wrote
      // it (CP949, never transcoded): the crawler reads UTF-8 only
      const handPut = `${TABLE}/명단_수기입력.csv`;
      const handText = roster(3, '-수기');
      stack = await openStack(world);
      await stack.s3.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: handPut,
          Body: iconv.encode(handText, 'cp949'),
        }),
      );
      const file = `${TABLE}_202509011200.csv`;

      // Act
      const failed = await drop(world, stack, file, roster(8, '-가'));
      // The fix the cause asks for: the odd file moved out of the table's prefix
      const moved = `_archive/${TABLE}/명단_수기입력.csv`;
      await stack.s3.send(
        new CopyObjectCommand({
          Bucket: BUCKET,
          Key: moved,
          CopySource: `${BUCKET}/${encodeURIComponent(handPut)}`,
        }),
      );
      await stack.s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: handPut }));
      await closeStack();
      const tablesWhileFailed = await world.db.tables();
      const refused = await replay(world, failed.name);
      // The fix done, the command the refusal prints is pasted as it is (less `npx`)
      const printed = /`(npx csv-catalog sync [^`]*)`/.exec(refused.stderr)?.[1] ?? '';
      const sync = await runCliInProcess([
        ...printed.split(' ').slice(2),
        '--mysql-url',
        world.relay.url(world.db.database),
        '--json',
      ]);

      // Assess: the cause names the odd file and the command that finishes the table
      expect(failed).toMatchObject({ status: 'FAILED', error: 'CrawlerFailed' });
      expect(failed.cause).toContain('명단_수기입력.csv');
      expect(failed.cause).toContain(
        `fix or move the odd files, then run \`npx csv-catalog sync --table ${TABLE}\``,
      );
      expect(tablesWhileFailed).toEqual([]);
      expect(refused.exitCode).toBe(1);
      expect(refused.stderr).toContain('ended at CrawlerFailed, a Fail state');
      expect(printed).toBe(`npx csv-catalog sync --table ${TABLE} --dir ${world.dir}`);
      expect(sync.exitCode, `${sync.stdout}\n${sync.stderr}`).toBe(0);
      const report = JSON.parse(sync.stdout) as { executions: { table: string; status: string }[] };
      expect(report.executions).toMatchObject([{ table: TABLE, status: 'SUCCEEDED' }]);
      expect((await world.db.columns(TABLE)).map((c) => c.name)).toEqual(HEADER);
      expect(await names(world.db, TABLE)).toEqual(namesOf(8, '-가'));
      await expectNoStagingLeft(world.db);
      await expectNoSourceLost(world, TABLE);
      expect((await bucketObjects(world.dir)).get(moved)).toEqual(iconv.encode(handText, 'cp949'));
    });
  });
});
