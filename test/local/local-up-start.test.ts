import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionSummary } from '../../shared/aws/execution-history-source.js';
import { runCliInProcess } from '../support/run-cli.js';
import { type CliProcess, startCliProcess } from './local-stack-process.js';
import {
  closedMysqlUrl,
  freePort,
  openRunDatabase,
  SAMPLES,
  tempDir,
  withStackS3,
} from './local-test-support.js';

const WAITING = [
  'PSY_ORD_202508291511.csv',
  'PSY_ORD_CLASS_202508291511.csv',
  'AT_SCALE_CODE_202508291510.csv',
];
const NAMELESS = '!!!_20250901.csv';

/** Issue [6/10] §8, §9: `local up` says at start what waits and whether MySQL answers. */
describe('csv-catalog local up at start', () => {
  let db: Awaited<ReturnType<typeof openRunDatabase>>;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  const processes: CliProcess[] = [];
  const localUp = async (...args: string[]) => {
    const up = startCliProcess([
      'local',
      'up',
      '--console-port',
      '0',
      '--dir',
      dir.path,
      '--s3-port',
      String(await freePort()),
      '--glue-port',
      String(await freePort()),
      ...args,
    ]);
    processes.push(up);
    return up;
  };

  beforeAll(async () => {
    db = await openRunDatabase();
    dir = await tempDir('local-up-start');
    // Prepare: files put at the bucket root while no stack ran (as a team did by hand)
    await withStackS3(dir.path, async (s3) => {
      for (const file of WAITING) await s3.put(file, await readFile(join(SAMPLES, file)));
      await s3.put(NAMELESS, 'a,b\n1,2\n');
    });
  });
  afterAll(async () => {
    for (const up of processes) await up.stop();
    await db?.drop();
    await dir?.remove();
  });

  it('says how many files wait and that MySQL is unreachable, in one line each', async () => {
    // Prepare
    const closed = await closedMysqlUrl(db.database);
    const up = await localUp('--mysql-url', closed);

    // Act
    const [banner] = await up.waitForStdout(/^csv-catalog local stack\n[\s\S]*?Ctrl-C stops\.\n/);
    await up.stop();

    // Assess
    expect(banner).toContain(
      `\n4 files wait at the bucket root (3 tables, 1 name giving no table): npx csv-catalog backfill --dir ${dir.path} would file 3 of them\n`,
    );
    expect(banner).toContain(
      `\nMySQL at ${closed.replace('mysql://', '')} is unreachable (ECONNREFUSED): executions will fail at SyncRdsDdl and can be replayed; --ddl-out DIR writes the DDL to files instead\n`,
    );
  });

  it('files them when the printed backfill command is pasted while the stack runs', async () => {
    // Prepare: MySQL is there now; the folder recorded the closed one, so --retarget
    const up = await localUp('--mysql-url', db.url, '--retarget');
    const [banner] = await up.waitForStdout(/^csv-catalog local stack\n[\s\S]*?Ctrl-C stops\.\n/);
    const command =
      /: (npx csv-catalog backfill .*) would file 3 of them\n/.exec(banner)?.[1] ?? '';

    // Act: the command as printed, less `npx`
    const backfill = await runCliInProcess(command.split(' ').slice(2));
    for (const table of ['psy_ord', 'psy_ord_class', 'at_scale_code']) {
      await up.waitForStdout(new RegExp(`^.*${table} +SUCCEEDED in .*$`, 'm'), 60_000);
    }
    const [refusedLine] = await up.waitForStdout(/^.*REFUSED .*$/m);
    const listing = await runCliInProcess(['executions', '--dir', dir.path, '--json']);
    await up.stop();

    // Assess
    expect(banner).not.toMatch(/unreachable/);
    // Filed by the running stack through its console: the report once its executions ended
    expect(backfill.stdout).toMatch(/^!!!_20250901\.csv +- +REFUSED /m);
    expect(backfill.stdout).toContain('3 of 4 succeeded;');
    expect(refusedLine).toMatch(/ REFUSED +!!!_20250901\.csv — NamingError: !!!_20250901\.csv: /);
    // A refused file is a failure to see, as when no stack runs
    expect(backfill.exitCode).toBe(1);
    const rows = JSON.parse(listing.stdout) as (ExecutionSummary & { kind: string })[];
    expect(rows.map((e) => [e.kind, e.table ?? e.name, e.status]).sort()).toEqual([
      ['execution', 'at_scale_code', 'SUCCEEDED'],
      ['execution', 'psy_ord', 'SUCCEEDED'],
      ['execution', 'psy_ord_class', 'SUCCEEDED'],
      ['file', NAMELESS, 'REFUSED'],
    ]);
    expect(await db.tables()).toEqual(['at_scale_code', 'psy_ord', 'psy_ord_class']);
  }, 120_000);
});
