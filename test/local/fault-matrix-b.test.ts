/**
 * Issue [9/10] "Fault matrix" on the local stack. Each fault ends SUCCEEDED after retries, or
 * FAILED with a cause, after which a retry, `replay` (redrive), `backfill` or `sync` finishes
 * it; then: no source object lost, no table half-loaded (rds.load: replace, MySQL's row count
 * is the file's), nothing written to a MySQL database other than the stack's.
 *
 * 1. MySQL unreachable during SyncRdsDdl / LoadRows: test/local/fault-matrix-a.test.ts (and
 *    test/local/replay.test.ts: FAILED at SyncRdsDdl, replayed with --retarget).
 * 2. A metadata lock during DDL / the RENAME swap: test/local/fault-matrix-a.test.ts (and
 *    test/workflow/workflow-rds-lock.test.ts).
 * 3. S3 failing in the middle of a filing (a CP949 file's transcoding upload, its read cut
 *    mid-body, a UTF-8 file's server-side copy, the source's delete): here, through the local
 *    S3 server's fault hook (local/s3/s3-fault-injector.ts). Proxy-level faults of the
 *    ObjectStore: test/filing/filing-failures.test.ts.
 * 4. The Glue endpoint answering ThrottlingException / InternalServiceException or dropping
 *    the connection during GetCrawler polling: here, through the endpoint's fault hook
 *    (local/glue/glue-fault-injector.ts; `after: 'StartCrawler'` aims it at the polls, not at
 *    EnsureCrawler's own GetCrawler).
 * 5. A crawl ending FAILED: test/local/fault-matrix-a.test.ts (and
 *    test/workflow/workflow-crawl.test.ts: CrawlerFailed with the crawler's message).
 * 6. `local up` killed with SIGKILL mid-burst and started again: here, the real CLI in a
 *    child process (test/local/local-stack-process.ts). What a kill between a filing's copy and
 *    its archiving leaves (several snapshots in one prefix), deterministically: here too; an
 *    upload broken off leaves no partial object: test/local/s3-atomic-writes.test.ts.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import iconv from 'iconv-lite';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GlueFaultInjector } from '../../local/glue/glue-fault-injector.js';
import { startLocalS3 } from '../../local/s3/local-s3-server.js';
import { S3FaultInjector, type S3FaultRule } from '../../local/s3/s3-fault-injector.js';
import { type LocalStack, startLocalStack } from '../../local/stack/local-stack.js';
import type { ExecutionSummary } from '../../shared/aws/execution-history-source.js';
import { createS3Client } from '../../shared/aws/s3-client.js';
import { defaultConfig } from '../../shared/config/load-config.js';
import type { FilingOutcome } from '../../shared/filing/filing-outcome.js';
import { createLogger } from '../../shared/logging/logger.js';
import { makeMysqlSettings } from '../../shared/mysql/mysql-settings.js';
import { testMysqlSettings } from '../mysql/test-database.js';
import { runCliInProcess } from '../support/run-cli.js';
import { type CliProcess, startCliProcess } from './local-stack-process.js';
import { BUCKET, freePort, openRunDatabase, tempDir, withStackS3 } from './local-test-support.js';

type RunDatabase = Awaited<ReturnType<typeof openRunDatabase>>;

/** Korean headers and values, `rows` data rows; long enough rows to make a file of some size. */
function csvText(header: string[], rows: number, tag = ''): string {
  const names = ['김민수', '이서연', '박지훈', '최유진', '정하늘'];
  const lines = Array.from({ length: rows }, (_, r) =>
    header
      .map((_, c) =>
        c === 0 ? String(r + 1) : `${names[(r + c) % names.length]} 서울시 마포구 ${tag}${r}`,
      )
      .join(','),
  );
  return `${header.join(',')}\n${lines.join('\n')}\n`;
}

/** Rows of a table of the stack's MySQL database. */
async function rowCount(db: RunDatabase, table: string): Promise<number> {
  const [rows] = await db.connection.query<RowDataPacket[]>(
    `SELECT COUNT(*) AS n FROM \`${db.database}\`.\`${table}\``,
  );
  return Number(rows[0]?.n);
}

/**
 * Tables named like ours in any database but the stack's, with their creation time: what a
 * stack writing where it should not would change. (Other tests create their own throwaway
 * databases meanwhile, so the check is by our tables' names, not by the list of databases.)
 */
async function ourTablesElsewhere(db: RunDatabase, tables: string[]): Promise<string[]> {
  const [rows] = await db.connection.query<RowDataPacket[]>(
    'SELECT TABLE_SCHEMA AS s, TABLE_NAME AS t, CREATE_TIME AS c FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME IN (?) AND TABLE_SCHEMA <> ?',
    [tables, db.database],
  );
  return rows.map((r) => `${r.s}.${r.t}@${String(r.c)}`).sort();
}

async function databaseNames(db: RunDatabase): Promise<string[]> {
  const [rows] = await db.connection.query<RowDataPacket[]>('SHOW DATABASES');
  return rows.map((r) => String(Object.values(r)[0])).sort();
}

/** Databases that appeared meanwhile, less the throwaway ones tests create for themselves. */
function newDatabases(before: string[], after: string[]): string[] {
  return after.filter((d) => !before.includes(d) && !/^csv_catalog_test_[0-9a-f]+$/.test(d));
}

async function bucketKeys(stack: Pick<LocalStack, 's3'>): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await stack.s3.send(
      new ListObjectsV2Command({ Bucket: BUCKET, ContinuationToken: token }),
    );
    keys.push(...(page.Contents ?? []).map((o) => o.Key ?? ''));
    token = page.NextContinuationToken;
  } while (token);
  return keys.sort();
}

/** Where a dropped file may be without being lost: root, its prefix, _archive/, _raw/. */
function placesOf(name: string, table: string): string[] {
  return [name, `${table}/${name}`, `_archive/${table}/${name}`, `_raw/${table}/${name}`];
}

/** Resolves once `check` holds; polls the stack's state (no timing is asserted). */
async function until<T>(what: string, check: () => T | undefined, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The stack `local up` runs, in-process, on the test's database, loading with replace. */
async function startFaultyStack(
  dir: string,
  db: RunDatabase,
  faults: { s3?: S3FaultInjector; glue?: GlueFaultInjector },
): Promise<LocalStack> {
  const silent = createLogger({ logLevel: 'SILENT' });
  return startLocalStack({
    dir,
    bucket: BUCKET,
    s3Port: 0,
    gluePort: 0,
    config: defaultConfig({ rds: { load: 'replace' } }),
    mysqlSettings: async () => makeMysqlSettings({ ...testMysqlSettings(), database: db.database }),
    logger: silent,
    faults,
  });
}

const MEMBER_HEADER = ['회원번호', '이름', '주소', '비고'];

interface S3FaultCase {
  title: string;
  table: string;
  encoding: 'cp949' | 'utf-8';
  rule: (table: string, name: string) => S3FaultRule;
  /** The filing step the failure names (FilingError's step), or undefined: retries absorb it. */
  failsAt?: RegExp;
}

const S3_FAULTS: S3FaultCase[] = [
  {
    title: "a CP949 file's transcoding upload answered 500 on every attempt",
    table: '회원',
    encoding: 'cp949',
    rule: (table) => ({
      method: 'PUT',
      key: new RegExp(`^${table}/`),
      copy: false,
      times: Number.POSITIVE_INFINITY,
      action: { type: 'error', status: 500, code: 'InternalError' },
    }),
    failsAt: /transcode failed/,
  },
  {
    title: "a CP949 file's transcoding upload answered 503 SlowDown twice (the SDK's retries)",
    table: '회원_재시도',
    encoding: 'cp949',
    rule: (table) => ({
      method: 'PUT',
      key: new RegExp(`^${table}/`),
      copy: false,
      times: 2,
      action: { type: 'error', status: 503, code: 'SlowDown' },
    }),
  },
  {
    title: "a CP949 file's read cut mid-body (connection reset after 150,000 bytes)",
    table: '회원_끊김',
    encoding: 'cp949',
    rule: (_table, name) => ({
      method: 'GET',
      key: new RegExp(`^${name}$`),
      times: 1,
      action: { type: 'cut', afterBytes: 150_000 },
    }),
    failsAt: /transcode failed/,
  },
  {
    title: "a UTF-8 file's server-side copy answered 500 on every attempt",
    table: '교사',
    encoding: 'utf-8',
    rule: (table) => ({
      method: 'PUT',
      key: new RegExp(`^${table}/`),
      copy: true,
      times: Number.POSITIVE_INFINITY,
      action: { type: 'error', status: 500, code: 'InternalError' },
    }),
    failsAt: /: copy failed/,
  },
  {
    title: "the source's delete after a verified copy dropped on every attempt",
    table: '학생',
    encoding: 'utf-8',
    rule: (_table, name) => ({
      method: 'DELETE',
      key: new RegExp(`^${name}$`),
      times: Number.POSITIVE_INFINITY,
      action: { type: 'drop' },
    }),
    failsAt: /delete-source failed/,
  },
];

describe('fault 3: S3 failing in the middle of a filing, through the local S3 server', () => {
  let db: RunDatabase;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let stack: LocalStack;
  let databasesBefore: string[];
  let elsewhereBefore: string[];
  const s3Faults = new S3FaultInjector();

  beforeAll(async () => {
    db = await openRunDatabase();
    dir = await tempDir('fault-s3');
    databasesBefore = await databaseNames(db);
    elsewhereBefore = await ourTablesElsewhere(
      db,
      S3_FAULTS.map((f) => f.table),
    );
    stack = await startFaultyStack(dir.path, db, { s3: s3Faults });
  });
  afterAll(async () => {
    await stack?.close();
    await db?.drop();
    await dir?.remove();
  });

  it.each(S3_FAULTS)(
    '$title: the source stays, a retry files it',
    async (fault) => {
      // Prepare: a file of about 400 KB (CP949: the filed copy is an upload, not a copy)
      const name = `${fault.table}_20250901.csv`;
      const rows = 3000;
      const text = csvText(MEMBER_HEADER, rows, fault.table);
      const body = fault.encoding === 'cp949' ? iconv.encode(text, 'cp949') : Buffer.from(text);
      s3Faults.clear();
      s3Faults.add(fault.rule(fault.table, name));
      const hitsBefore = s3Faults.hits().length;

      // Act: dropped while S3 fails; then S3 is healthy again and the root is filed again
      await stack.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: name, Body: body }));
      const first = await until('the first filing', () =>
        stack.filings().find((o) => o.sourceKey === name),
      );
      await stack.idle();
      const keysAfterFault = await bucketKeys(stack);
      s3Faults.clear();
      const retry: FilingOutcome[] = fault.failsAt ? await stack.backfill(2) : [];
      await stack.idle();
      const filed = stack.filings().find((o) => o.sourceKey === name);
      const execution = stack.workflow
        .list()
        .find((e) => e.input.sourceKey === name && e.status !== 'ABORTED');
      const keys = await bucketKeys(stack);

      // Assess: the fault happened, and was answered by retries or by a failure naming the step
      expect(s3Faults.hits().length).toBeGreaterThan(hitsBefore);
      if (fault.failsAt) {
        expect(first).toMatchObject({ status: 'failed', error: 'FilingError' });
        expect(first.status === 'failed' && first.reason).toMatch(fault.failsAt);
        expect(first.status === 'failed' && first.reason).toContain(name);
        // The source stayed at the root until the retry
        expect(keysAfterFault).toContain(name);
        expect(retry.map((o) => [o.sourceKey, o.status])).toEqual([[name, 'filed']]);
      } else {
        expect(first.status).toBe('filed');
      }
      expect(filed).toMatchObject({ status: 'filed', key: `${fault.table}/${name}` });
      expect(execution?.status).toBe('SUCCEEDED');
      // Nothing lost: the filed copy in place, the source gone from the root only now
      expect(keys).toContain(`${fault.table}/${name}`);
      expect(keys).not.toContain(name);
      if (fault.encoding === 'cp949') expect(keys).toContain(`_raw/${fault.table}/${name}`);
      // Not half-loaded: MySQL holds every row of the file
      expect(await rowCount(db, fault.table)).toBe(rows);
    },
    120_000,
  );

  it('wrote to no database but the stack’s', async () => {
    // Assess (after the cases above)
    const tables = S3_FAULTS.map((f) => f.table);
    expect(await ourTablesElsewhere(db, tables)).toEqual(elsewhereBefore);
    expect(newDatabases(databasesBefore, await databaseNames(db))).toEqual([]);
    expect((await db.tables()).filter((t) => tables.includes(t)).sort()).toEqual(
      [...tables].sort(),
    );
  });
});

describe('fault 4: the Glue endpoint failing during GetCrawler polling', () => {
  let db: RunDatabase;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let stack: LocalStack;
  let elsewhereBefore: string[];
  const glueFaults = new GlueFaultInjector();
  const TABLES = ['성적', '출결', '시간표', '학교목록'];

  /** Drops a UTF-8 file of a new table (so it is crawled) and waits for its execution. */
  const dropAndWait = async (table: string, rows: number) => {
    const name = `${table}_20250901.csv`;
    const text = csvText(['학번', '과목', '점수'], rows, table);
    await stack.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: name, Body: text }));
    const filed = await until('the filing', () => {
      const outcome = stack.filings().find((o) => o.sourceKey === name);
      return outcome?.status === 'filed' ? outcome : undefined;
    });
    const execution = filed.execution?.name ?? '';
    return { name, execution, result: await stack.workflow.wait(execution) };
  };
  const retriesOf = (execution: string, state: string) =>
    stack.workflow
      .history(execution)
      .filter((e) => e.type === 'StateRetried' && e.stateName === state).length;

  beforeAll(async () => {
    db = await openRunDatabase();
    dir = await tempDir('fault-glue');
    elsewhereBefore = await ourTablesElsewhere(db, TABLES);
    stack = await startFaultyStack(dir.path, db, { glue: glueFaults });
  });
  afterAll(async () => {
    await stack?.close();
    await db?.drop();
    await dir?.remove();
  });

  it('ThrottlingException past the SDK’s own retries: the ASL’s Retry on GetCrawler, then SUCCEEDED', async () => {
    // Prepare: five throttled polls; the SDK tries 3 times per attempt of the state
    glueFaults.clear();
    glueFaults.add({
      operation: 'GetCrawler',
      after: 'StartCrawler',
      times: 5,
      action: { type: 'error', errorType: 'ThrottlingException', message: 'Rate exceeded' },
    });
    const hitsBefore = glueFaults.hits('GetCrawler');

    // Act
    const { execution, result } = await dropAndWait('성적', 120);

    // Assess
    expect(glueFaults.hits('GetCrawler') - hitsBefore).toBe(5);
    expect(result.status).toBe('SUCCEEDED');
    expect(retriesOf(execution, 'GetCrawler')).toBeGreaterThanOrEqual(1);
    expect(await rowCount(db, '성적')).toBe(120);
  }, 120_000);

  it('InternalServiceException on every poll: FAILED at GetCrawler after the ASL’s 4 retries; redriven once Glue answers, SUCCEEDED', async () => {
    // Prepare
    glueFaults.clear();
    glueFaults.add({
      operation: 'GetCrawler',
      after: 'StartCrawler',
      times: Number.POSITIVE_INFINITY,
      action: { type: 'error', errorType: 'InternalServiceException', message: 'Internal error' },
    });

    // Act: fails; Glue answers again; redriven (what `csv-catalog replay` does)
    const { name, execution, result: failed } = await dropAndWait('출결', 80);
    const keysWhileFailed = await bucketKeys(stack);
    glueFaults.clear();
    const redrive = await stack.workflow.redrive(execution);
    const redriven = await stack.workflow.wait(execution);
    const listing = await until('the execution listed', () =>
      stack.workflow.list().find((e) => e.name === execution),
    );

    // Assess
    expect(failed).toMatchObject({ status: 'FAILED', error: 'Glue.InternalServiceException' });
    expect(failed.cause).toContain('Internal error');
    expect(failed.states.find((s) => s.name === 'GetCrawler')).toMatchObject({
      status: 'FAILED',
    });
    expect(retriesOf(execution, 'GetCrawler')).toBe(4);
    expect(keysWhileFailed).toContain(`출결/${name}`);
    expect(redrive.fromState).toBe('GetCrawler');
    expect(redriven.status).toBe('SUCCEEDED');
    expect(listing.redriveCount).toBe(1);
    expect(await rowCount(db, '출결')).toBe(80);
  }, 120_000);

  it('every GetCrawler connection dropped: FAILED at GetCrawler with the network error; redriven once Glue answers, SUCCEEDED', async () => {
    // Prepare
    glueFaults.clear();
    glueFaults.add({
      operation: 'GetCrawler',
      after: 'StartCrawler',
      times: Number.POSITIVE_INFINITY,
      action: { type: 'drop' },
    });

    // Act
    const { execution, result: failed } = await dropAndWait('시간표', 25);
    glueFaults.clear();
    await stack.workflow.redrive(execution);
    const redriven = await stack.workflow.wait(execution);

    // Assess
    // No retry of the state today: its Retry names Glue's errors, and a poll that gets no answer
    // fails as the SDK's network error (TimeoutError, "socket hang up"); see the report.
    expect(failed.status).toBe('FAILED');
    expect(failed.cause).toBeTruthy();
    expect(failed.states.find((s) => s.name === 'GetCrawler')?.status).toBe('FAILED');
    expect(redriven.status).toBe('SUCCEEDED');
    expect(await rowCount(db, '시간표')).toBe(25);
  }, 120_000);

  it('a GetCrawler connection dropped without an answer (twice): the SDK’s retries carry the poll, SUCCEEDED', async () => {
    // Prepare
    glueFaults.clear();
    glueFaults.add({
      operation: 'GetCrawler',
      after: 'StartCrawler',
      times: 2,
      action: { type: 'drop' },
    });
    const hitsBefore = glueFaults.hits('GetCrawler');

    // Act
    const { result } = await dropAndWait('학교목록', 40);

    // Assess
    expect(glueFaults.hits('GetCrawler') - hitsBefore).toBe(2);
    expect(result.status).toBe('SUCCEEDED');
    expect(await rowCount(db, '학교목록')).toBe(40);
    expect(await ourTablesElsewhere(db, TABLES)).toEqual(elsewhereBefore);
  }, 120_000);
});

interface KillFile {
  name: string;
  table: string;
  snapshot: string;
  body: Buffer;
  rows: number;
}

/** 4 tables × 10 snapshots, in an interleaved order; each snapshot its own row count. */
function killBurst(): KillFile[] {
  const tables = [
    { table: '학생명부', header: ['학번', '이름', '학년'], cp949: true },
    { table: '교직원', header: ['사번', '이름', '부서'], cp949: false },
    { table: 'psy_ord_class', header: ['ord_no', 'class_cd', 'memo'], cp949: false },
    { table: '출석부', header: ['학번', '일자', '상태', '사유'], cp949: false },
  ];
  const files: KillFile[] = [];
  for (let i = 0; i < 10; i++) {
    for (const t of tables) {
      // Not in time order: the 3rd of every table is dropped last-but-some
      const day = [3, 1, 7, 2, 10, 5, 4, 9, 6, 8][i] ?? 1;
      const snapshot = `202509${String(day).padStart(2, '0')}1200`;
      const rows = 30 + day * 7;
      const text = csvText(t.header, rows, t.table);
      files.push({
        name: `${t.table}_${snapshot}.csv`,
        table: t.table,
        snapshot,
        body: t.cp949 ? iconv.encode(text, 'cp949') : Buffer.from(text),
        rows,
      });
    }
  }
  return files;
}

describe('fault 6: `local up` killed with SIGKILL in the middle of a burst, started again', () => {
  let db: RunDatabase;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  const processes: CliProcess[] = [];

  beforeAll(async () => {
    db = await openRunDatabase();
    dir = await tempDir('fault-kill');
  });
  afterAll(async () => {
    for (const p of processes) await p.stop();
    await db?.drop();
    await dir?.remove();
  });

  it('keeps every completed upload, shows the interrupted executions ABORTED, and backfill + sync --all bring every table to its newest snapshot', async () => {
    // Prepare: `local up` loading with replace (the config the folder records)
    const stackDir = join(dir.path, 'stack');
    const configPath = join(dir.path, 'csv-catalog.yml');
    await writeFile(configPath, 'rds:\n  load: replace\n');
    const files = killBurst();
    const tables = [...new Set(files.map((f) => f.table))];
    const elsewhereBefore = await ourTablesElsewhere(db, tables);
    const databasesBefore = await databaseNames(db);
    const s3Port = await freePort();
    const localUp = () => {
      const up = startCliProcess([
        'local',
        'up',
        '--console-port',
        '0',
        '--dir',
        stackDir,
        '--s3-port',
        String(s3Port),
        '--glue-port',
        '0',
        '--mysql-url',
        db.url,
        '--config',
        configPath,
      ]);
      processes.push(up);
      return up;
    };
    const first = localUp();
    await first.waitForStdout(/Ctrl-C stops\.\n/, 60_000);
    const client = createS3Client({ endpoint: `http://127.0.0.1:${s3Port}` });

    // Act: the burst in two waves; SIGKILL once executions of the first started and the
    // second is being dropped (some of its uploads done, some filing, some not sent yet)
    const completed = new Set<string>();
    const upload = (f: KillFile) =>
      client
        .send(new PutObjectCommand({ Bucket: BUCKET, Key: f.name, Body: f.body }))
        .then(() => completed.add(f.name));
    const firstWave = Promise.allSettled(files.slice(0, 24).map(upload));
    await first.waitForStdout(/(?:^.* started {6}.*\n[\s\S]*){3}/m, 60_000);
    const secondWave = Promise.allSettled(files.slice(24).map(upload));
    await until('4 uploads of the second wave', () =>
      files.slice(24).filter((f) => completed.has(f.name)).length >= 4 ? true : undefined,
    );
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    await Promise.all([firstWave, secondWave]);
    client.destroy();
    const keysAfterKill = await withStackS3Keys(stackDir);
    const stdoutBeforeKill = first.stdout();
    const startedBeforeKill = [...stdoutBeforeKill.matchAll(/ started {6}(\S+) /g)].map(
      (m) => m[1] ?? '',
    );
    const endedBeforeKill = new Set(
      [...stdoutBeforeKill.matchAll(/^\S+ +(\S+) +(?:SUCCEEDED|FAILED) in /gm)].map((m) => m[1]),
    );
    // What `executions` says of the dead stack's folder, before anything started again
    const afterKill = await listExecutions(stackDir);

    // Act: started again on the same folder; then the documented recovery, stack stopped
    const second = localUp();
    const [banner] = await second.waitForStdout(
      /^csv-catalog local stack\n[\s\S]*?Ctrl-C stops\.\n/m,
      60_000,
    );
    const whileUp = await listExecutions(stackDir);
    await second.stop();
    const backfill = await runCliInProcess(['backfill', '--dir', stackDir, '--json']);
    const sync = await runCliInProcess(['sync', '--all', '--dir', stackDir, '--json']);
    const afterRecovery = await listExecutions(stackDir);
    const keys = await withStackS3Keys(stackDir);

    // Assess: the kill hit a burst in flight
    expect(startedBeforeKill.length).toBeGreaterThanOrEqual(3);
    expect(completed.size).toBeGreaterThan(24);
    // Every upload that completed is in the bucket right after the kill, before any recovery
    for (const name of completed) {
      const file = files.find((f) => f.name === name) as KillFile;
      const places = placesOf(name, file.table).filter((k) => keysAfterKill.includes(k));
      expect({ name, places: places.length > 0 }).toEqual({ name, places: true });
    }
    // Nothing running is left RUNNING: every execution the kill interrupted is ABORTED, with a
    // cause naming the recovery, both before and after the stack started again
    for (const listing of [afterKill, whileUp]) {
      expect(listing.filter((e) => e.status === 'RUNNING')).toEqual([]);
    }
    const aborted = afterKill.filter((e) => e.status === 'ABORTED');
    expect(aborted.length).toBeGreaterThan(0);
    for (const e of aborted) {
      expect(endedBeforeKill.has(e.name)).toBe(false);
      expect(e.failure?.cause).toContain(`npx csv-catalog replay ${e.name} --dir ${stackDir}`);
      expect(e.failure?.cause).toContain(`npx csv-catalog sync --all --dir ${stackDir}`);
    }
    expect(banner).toMatch(/Ctrl-C stops\./);
    // …and the restarted stack says so at once, before anyone waits on them
    expect(banner).toContain(
      `${aborted.length} execution${aborted.length === 1 ? ' was' : 's were'} running when this stack last stopped`,
    );
    expect(backfill.exitCode).toBe(0);
    expect(sync.exitCode).toBe(0);
    // Every upload that completed is in the bucket: at the root, in place, archived or raw
    for (const name of completed) {
      const file = files.find((f) => f.name === name) as KillFile;
      const places = placesOf(name, file.table).filter((k) => keys.includes(k));
      expect({ name, places: places.length > 0 }).toEqual({ name, places: true });
    }
    expect(keys.filter((k) => !k.includes('/'))).toEqual([]);
    // Every table at its newest completed snapshot: alone in its prefix, loaded whole
    for (const table of tables) {
      const newest = files
        .filter((f) => f.table === table && completed.has(f.name))
        .sort((a, b) => a.snapshot.localeCompare(b.snapshot))
        .at(-1);
      if (!newest) continue;
      expect(keys.filter((k) => k.startsWith(`${table}/`))).toEqual([`${table}/${newest.name}`]);
      expect(await rowCount(db, table)).toBe(newest.rows);
    }
    // The newest execution of each table ended SUCCEEDED; nothing runs, nothing failed unseen
    expect(afterRecovery.filter((e) => e.status === 'RUNNING')).toEqual([]);
    expect(afterRecovery.filter((e) => e.status === 'FAILED')).toEqual([]);
    expect(await ourTablesElsewhere(db, tables)).toEqual(elsewhereBefore);
    expect(newDatabases(databasesBefore, await databaseNames(db))).toEqual([]);
  }, 300_000);
});

describe('fault 6, the state a kill between a filing’s copy and its archiving leaves', () => {
  let db: RunDatabase;
  let dir: Awaited<ReturnType<typeof tempDir>>;

  beforeAll(async () => {
    db = await openRunDatabase();
    dir = await tempDir('fault-kill-prefix');
  });
  afterAll(async () => {
    await db?.drop();
    await dir?.remove();
  });

  it('sync --all archives the older snapshots left in place and loads the newest', async () => {
    // Prepare: three snapshots filed into one prefix, none archived yet (as a kill leaves them)
    const table = '학생명부';
    const snapshots = [
      { name: `${table}_202509011200.csv`, rows: 12 },
      { name: `${table}_202509101200.csv`, rows: 31 },
      { name: `${table}_202509051200.csv`, rows: 20 },
    ];
    await withStackS3(dir.path, async (s3) => {
      for (const s of snapshots) {
        await s3.put(`${table}/${s.name}`, csvText(['학번', '이름', '학년'], s.rows, table));
      }
    });
    const configPath = join(dir.path, 'csv-catalog.yml');
    await writeFile(configPath, 'rds:\n  load: replace\n');

    // Act
    const sync = await runCliInProcess([
      'sync',
      '--all',
      '--dir',
      dir.path,
      '--mysql-url',
      db.url,
      '--config',
      configPath,
      '--json',
    ]);
    const keys = await withStackS3Keys(dir.path);

    // Assess
    expect(sync.exitCode).toBe(0);
    expect(keys).toEqual([
      `_archive/${table}/${table}_202509011200.csv`,
      `_archive/${table}/${table}_202509051200.csv`,
      `${table}/${table}_202509101200.csv`,
    ]);
    expect(await rowCount(db, table)).toBe(31);
  }, 120_000);
});

/** `csv-catalog executions --dir D --json`: the executions (not the refused files). */
async function listExecutions(dir: string): Promise<ExecutionSummary[]> {
  const listing = await runCliInProcess(['executions', '--dir', dir, '--json']);
  return (JSON.parse(listing.stdout) as (ExecutionSummary & { kind?: string })[]).filter(
    (e) => e.kind !== 'file',
  );
}

/** Every key of the stopped stack's bucket, read through its own S3 folder. */
async function withStackS3Keys(dir: string): Promise<string[]> {
  const server = await startLocalS3({ dir: join(dir, 's3'), buckets: [BUCKET] });
  const s3 = createS3Client({ endpoint: server.endpoint });
  try {
    return await bucketKeys({ s3 });
  } finally {
    s3.destroy();
    await server.close();
  }
}
