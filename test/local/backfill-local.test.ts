import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../local/stack/run-report.js';
import { runCliInProcess } from '../support/run-cli.js';
import { openRunDatabase, SAMPLES, tempDir, withStackS3 } from './local-test-support.js';

const WAITING = ['PSY_ORD_202508291511.csv', 'AT_SCALE_CODE_202508291510.csv'];
const NAMELESS = '!!!_20250901.csv';

/** `backfill --dir` on a folder no stack runs on: a stack is started for the run. */
describe('csv-catalog backfill --dir with no stack running', () => {
  let db: Awaited<ReturnType<typeof openRunDatabase>>;
  let dir: Awaited<ReturnType<typeof tempDir>>;

  beforeAll(async () => {
    db = await openRunDatabase();
    dir = await tempDir('backfill-local');
  });
  afterAll(async () => {
    await db?.drop();
    await dir?.remove();
  });

  it('files what waits at the root with the workflow and lists the refused file', async () => {
    // Prepare: files put at the bucket root while no stack ran
    await withStackS3(dir.path, async (s3) => {
      for (const file of WAITING) await s3.put(file, await readFile(join(SAMPLES, file)));
      await s3.put(NAMELESS, 'a,b\n1,2\n');
    });

    // Act
    const backfill = await runCliInProcess([
      'backfill',
      '--dir',
      dir.path,
      '--mysql-url',
      db.url,
      '--json',
    ]);
    const refused = await runCliInProcess([
      'executions',
      '--dir',
      dir.path,
      '--status',
      'REFUSED',
      '--json',
    ]);

    // Assess
    const report = JSON.parse(backfill.stdout) as RunReport;
    expect(report.executions.map((e) => [e.sourceKey, e.table, e.status]).sort()).toEqual([
      [NAMELESS, null, 'REFUSED'],
      ['AT_SCALE_CODE_202508291510.csv', 'at_scale_code', 'SUCCEEDED'],
      ['PSY_ORD_202508291511.csv', 'psy_ord', 'SUCCEEDED'],
    ]);
    expect(backfill.exitCode).toBe(1);
    expect(await db.tables()).toEqual(['at_scale_code', 'psy_ord']);
    expect((JSON.parse(refused.stdout) as { name: string }[]).map((r) => r.name)).toEqual([
      NAMELESS,
    ]);
  }, 60_000);
});
