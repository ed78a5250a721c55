import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionDetail } from '../../local/console/console-api.js';
import type { RunReport } from '../../local/stack/run-report.js';
import { readRunningStack } from '../../local/stack/running-stack-file.js';
import type { ExecutionSummary } from '../../shared/aws/execution-history-source.js';
import { createS3Client } from '../../shared/aws/s3-client.js';
import type { TableOverview } from '../../shared/tables/table-overview.js';
import { type CliProcess, startCliProcess } from '../local/local-stack-process.js';
import { BUCKET, freePort, tempDir } from '../local/local-test-support.js';
import { type MysqlFaultRelay, startMysqlFaultRelay } from '../local/mysql-fault-relay.js';
import { openTestDatabase, type TestDatabase } from '../mysql/test-database.js';
import { runCliInProcess } from '../support/run-cli.js';
import { consoleApi } from './console-api-client.js';

/** A CP949 roster with 똠 (8C 63), a syllable EUC-KR does not have. */
const ROSTER = iconv.encode('학번,이름,반\n0001,김똠이,1반\n0002,이서연,2반\n', 'cp949');
const BANNER = /^csv-catalog local stack\n[\s\S]*?Ctrl-C stops\.\n/;

/** Issue [10/10]: `replay`, `sync`, `executions`, `tables` and `backfill` on a running `local up`. */
describe('the CLI on a folder whose local up runs', () => {
  let db: TestDatabase;
  let relay: MysqlFaultRelay;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let up: CliProcess;
  let banner: string;
  let s3Endpoint: string;
  const cli = (...args: string[]) => runCliInProcess([...args, '--dir', dir.path]);
  const drop = async (key: string, body: string | Uint8Array) => {
    const s3 = createS3Client({ endpoint: s3Endpoint });
    try {
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
    } finally {
      s3.destroy();
    }
  };

  beforeAll(async () => {
    db = await openTestDatabase();
    relay = await startMysqlFaultRelay();
    dir = await tempDir('cli-on-running-stack');
    const s3Port = await freePort();
    s3Endpoint = `http://127.0.0.1:${s3Port}`;
    up = startCliProcess([
      'local',
      'up',
      '--dir',
      dir.path,
      '--s3-port',
      String(s3Port),
      '--glue-port',
      '0',
      '--console-port',
      '0',
      '--mysql-url',
      relay.url(db.database),
    ]);
    [banner] = await up.waitForStdout(BANNER, 60_000);
  }, 90_000);
  afterAll(async () => {
    await up?.stop();
    await relay?.close();
    await db?.drop();
    await dir?.remove();
  });

  it('prints the console in its banner and says where it answers, to its user only', async () => {
    // Act
    const running = readRunningStack(dir.path);
    const mode = (await stat(join(dir.path, 'stack-endpoints.json'))).mode & 0o777;

    // Assess
    expect(banner).toMatch(
      /\n {2}Glue {5}http:\/\/127\.0\.0\.1:\d+ {3}database csv_catalog\n {2}console {2}http:\/\/127\.0\.0\.1:\d+\/\n {2}MySQL {4}/,
    );
    const printed = /\n {2}console {2}(\S+)\n/.exec(banner)?.[1];
    expect(running?.consoleUrl).toBe(printed);
    expect(running?.token).toMatch(/^[\w-]{43}$/);
    expect(mode).toBe(0o600);
    expect(banner).not.toContain('replay needs this stack stopped');
  });

  it('replays a failed execution in the running stack, from the state that failed', async () => {
    // Prepare: MySQL away while a CP949 roster runs
    await relay.down();
    await drop('학생명부_20250901.csv', ROSTER);
    await up.waitForStdout(/^.*학생명부 +FAILED in .*$/m, 60_000);
    const failedListing = await cli('executions', '--status', 'FAILED', '--json');
    const [failed] = JSON.parse(failedListing.stdout) as ExecutionSummary[];
    const name = failed?.name ?? '';
    await relay.up();

    // Act
    const replay = await cli('replay', name);
    const running = readRunningStack(dir.path);
    const detail = await consoleApi({
      url: running?.consoleUrl ?? '',
      token: running?.token ?? '',
    }).get<ExecutionDetail>(`/api/executions/${encodeURIComponent(name)}`);
    const listing = await cli('executions', '--json');

    // Assess
    expect(failed).toMatchObject({
      table: '학생명부',
      status: 'FAILED',
      failure: { state: 'SyncRdsDdl', error: 'RdsUnavailable' },
    });
    expect(failedListing.exitCode).toBe(1);
    expect(replay.stderr).toBe('');
    expect(replay.stdout).toContain(`redriving ${name} from SyncRdsDdl\n`);
    expect(replay.stdout).toMatch(/^SyncRdsDdl +SUCCEEDED +2 +4$/m);
    expect(replay.stdout).toMatch(new RegExp(`\\n${name}: SUCCEEDED\\n$`));
    expect(replay.exitCode).toBe(0);
    // The redrive ran in the running stack: its terminal printed it
    expect(up.stdout()).toMatch(new RegExp(`학생명부 +redriven +${name}\\n`));
    expect(up.stdout()).toMatch(/^.*학생명부 +SUCCEEDED in .*$/m);
    // Earlier states did not run again
    const entered = new Map(detail.body.states.map((s) => [s.name, s.entered]));
    for (const state of ['CheckSnapshot', 'EnsureCrawler', 'DecideCrawl', 'CoerceSchema']) {
      expect({ state, entered: entered.get(state) }).toEqual({ state, entered: 1 });
    }
    expect(entered.get('SyncRdsDdl')).toBe(2);
    const rows = JSON.parse(listing.stdout) as ExecutionSummary[];
    expect(rows.map((r) => [r.name, r.status, r.redriveCount])).toEqual([[name, 'SUCCEEDED', 1]]);
    expect(listing.exitCode).toBe(0);
    expect(await db.columns('학생명부')).toHaveLength(3);
  }, 120_000);

  it('refuses a replay the stack refuses, with its reason, and names an unknown execution', async () => {
    // Act
    const [succeeded] = JSON.parse(
      (await cli('executions', '--json')).stdout,
    ) as ExecutionSummary[];
    const again = await cli('replay', succeeded?.name ?? '');
    const unknown = await cli('replay', '없는실행');

    // Assess
    expect(again.stderr).toBe(
      `csv-catalog replay: ${succeeded?.name} is SUCCEEDED: only a failed, aborted or timed-out execution can be redriven\n`,
    );
    expect(again.exitCode).toBe(1);
    expect(unknown.stderr).toBe(
      `csv-catalog replay: no execution named 없는실행 in ${dir.path} (npx csv-catalog executions --dir ${dir.path} lists them)\n`,
    );
    expect(unknown.exitCode).toBe(1);
  });

  it('syncs a table in the running stack and prints its run', async () => {
    // Prepare
    const startedBefore = up.stdout().match(/ started {6}/g)?.length ?? 0;

    // Act
    const sync = await cli('sync', '--table', '학생명부', '--json');
    const text = await cli('sync', '--table', '학생명부');

    // Assess
    const report = JSON.parse(sync.stdout) as RunReport;
    expect(report.executions).toEqual([
      expect.objectContaining({
        sourceKey: '학생명부/학생명부_20250901.csv',
        table: '학생명부',
        status: 'SUCCEEDED',
      }),
    ]);
    expect(Object.keys(report.catalog.tables)).toEqual(['학생명부']);
    expect(Object.keys(report.rds.tables)).toEqual(['학생명부']);
    expect(sync.exitCode).toBe(0);
    expect(text.stdout).toMatch(/^학생명부\/학생명부_20250901\.csv +학생명부 +SUCCEEDED /m);
    expect(text.stdout).toContain(
      '1 of 1 succeeded; 1 catalog tables in csv_catalog, 1 MySQL tables in',
    );
    expect(text.exitCode).toBe(0);
    // Both ran in the running stack: its terminal printed them
    expect(up.stdout().match(/ started {6}/g)?.length).toBe(startedBefore + 2);
  }, 120_000);

  it('shows the tables the running stack sees', async () => {
    // Act
    const tables = await cli('tables', '--json');

    // Assess
    const { tables: overviews } = JSON.parse(tables.stdout) as { tables: TableOverview[] };
    expect(overviews.map((o) => o.table)).toEqual(['학생명부']);
    expect(overviews[0]).toMatchObject({
      file: { key: '학생명부/학생명부_20250901.csv', rows: 2 },
      mysqlRows: 0,
      lastExecution: { status: 'SUCCEEDED' },
    });
    expect(tables.exitCode).toBe(0);
  });

  it('backfills through the running stack: what waits at the root is filed there again', async () => {
    // Prepare: a file filing refused stays at the root
    await drop('!!!_20250901.csv', '학번\n1\n');
    await up.waitForStdout(/REFUSED +!!!_20250901\.csv/);
    const refusedBefore = up.stdout().match(/REFUSED +!!!_20250901\.csv/g)?.length ?? 0;

    // Act
    const backfill = await cli('backfill');

    // Assess
    expect(backfill.stdout).toMatch(/^!!!_20250901\.csv +- +REFUSED /m);
    expect(backfill.stdout).toContain('0 of 1 succeeded;');
    expect(backfill.exitCode).toBe(1);
    expect(up.stdout().match(/REFUSED +!!!_20250901\.csv/g)?.length).toBe(refusedBefore + 1);
  });
});
