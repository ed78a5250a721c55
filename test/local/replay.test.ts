import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../local/stack/run-report.js';
import type { ExecutionRecord } from '../../local/workflow/execution-record.js';
import type { ExecutionSummary } from '../../shared/aws/execution-history-source.js';
import { runCliInProcess } from '../support/run-cli.js';
import { closedMysqlUrl, openRunDatabase, SAMPLES, tempDir } from './local-test-support.js';

describe('csv-catalog replay of a local execution', () => {
  let db: Awaited<ReturnType<typeof openRunDatabase>>;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  const readRecord = async (name: string) =>
    JSON.parse(
      await readFile(join(dir.path, 'executions', `${name}.json`), 'utf8'),
    ) as ExecutionRecord;
  const failedNames = async () => {
    const listing = await runCliInProcess([
      'executions',
      '--dir',
      dir.path,
      '--status',
      'FAILED',
      '--json',
    ]);
    return (JSON.parse(listing.stdout) as ExecutionSummary[]).map((e) => e.name);
  };

  beforeAll(async () => {
    db = await openRunDatabase();
    dir = await tempDir('replay');
  });
  afterAll(async () => {
    await db?.drop();
    await dir?.remove();
  });

  it('finishes at SyncRdsDdl an execution that failed there while MySQL was down', async () => {
    // Prepare: MySQL does not answer; the run fails at SyncRdsDdl after the ASL's retries
    const failed = await runCliInProcess([
      'local',
      'run',
      '--json',
      '--dir',
      dir.path,
      '--mysql-url',
      await closedMysqlUrl(db.database),
      join(SAMPLES, 'PSY_ORD_202508291511.csv'),
    ]);
    const [execution] = (JSON.parse(failed.stdout) as RunReport).executions;
    const name = execution?.execution ?? '';
    const recordBefore = await readRecord(name);
    const failedBefore = await failedNames();

    // Act: MySQL answers elsewhere now; --retarget says to write there
    const replay = await runCliInProcess([
      'replay',
      name,
      '--dir',
      dir.path,
      '--mysql-url',
      db.url,
      '--retarget',
    ]);

    // Assess
    expect(failed.exitCode).toBe(1);
    expect(execution).toMatchObject({ status: 'FAILED', error: 'RdsUnavailable' });
    expect(execution?.cause).toMatch(/MySQL at 127\.0\.0\.1:\d+ is unavailable/);
    expect(execution?.states.at(-1)).toEqual({ name: 'SyncRdsDdl', status: 'FAILED' });
    expect(recordBefore.events.filter((e) => e.type === 'StateRetried')).toHaveLength(4);
    expect(failedBefore).toEqual([name]);

    expect(replay.stdout).toContain(`redriving ${name} from SyncRdsDdl\n`);
    expect(replay.stdout).toContain(`${name}: SUCCEEDED\n`);
    expect(replay.exitCode).toBe(0);
    const record = await readRecord(name);
    expect(record).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1 });
    expect(record.output).toMatchObject({ outcome: 'catalogued', table: 'psy_ord' });
    // No state before SyncRdsDdl ran again: the history after the redrive starts there.
    const redriven = record.events.findIndex((e) => e.type === 'ExecutionRedriven');
    expect(record.events.slice(0, redriven)).toEqual(recordBefore.events);
    expect(
      record.events
        .slice(redriven + 1)
        .filter((e) => e.type === 'StateEntered')
        .map((e) => e.stateName),
    ).toEqual(['SyncRdsDdl', 'IsLoadWanted', 'LoadSkipped', 'Catalogued']);
    expect(await failedNames()).toEqual([]);
    expect((await db.columns('psy_ord')).length).toBeGreaterThan(0);
  });

  it('refuses to replay an execution that succeeded', async () => {
    // Prepare
    const own = await tempDir('replay-succeeded');
    const run = await runCliInProcess([
      'local',
      'run',
      '--json',
      '--dir',
      own.path,
      '--mysql-url',
      db.url,
      join(SAMPLES, 'AT_SCALE_CODE_202508291510.csv'),
    ]);
    const [succeeded] = (JSON.parse(run.stdout) as RunReport).executions;
    const name = succeeded?.execution ?? '';

    // Act
    const replay = await runCliInProcess([
      'replay',
      name,
      '--dir',
      own.path,
      '--mysql-url',
      db.url,
    ]);
    const record = JSON.parse(
      await readFile(join(own.path, 'executions', `${name}.json`), 'utf8'),
    ) as ExecutionRecord;
    await own.remove();

    // Assess
    expect(succeeded?.status).toBe('SUCCEEDED');
    expect(replay.stderr).toContain(
      `csv-catalog replay: ${name} is SUCCEEDED: only a failed, aborted or timed-out execution can be redriven\n`,
    );
    expect(replay.stdout).toBe('');
    expect(replay.exitCode).toBe(1);
    expect(record).toMatchObject({ status: 'SUCCEEDED' });
    expect(record.redriveCount).toBeUndefined();
  });
});
