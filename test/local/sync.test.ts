import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../local/stack/run-report.js';
import { runCliInProcess } from '../support/run-cli.js';
import { TEACHER_COLUMNS } from '../support/school-teacher.js';
import { openRunDatabase, SAMPLES, tempDir, withStackS3 } from './local-test-support.js';

const TEACHER = 'SCHOOL_TEACHER_202508291512.csv';

describe('csv-catalog sync on tables filed by hand', () => {
  let db: Awaited<ReturnType<typeof openRunDatabase>>;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  const sync = async (...args: string[]) => {
    const run = await runCliInProcess([
      'sync',
      ...args,
      '--json',
      '--dir',
      dir.path,
      '--mysql-url',
      db.url,
    ]);
    return { ...run, report: JSON.parse(run.stdout) as RunReport };
  };

  beforeAll(async () => {
    // Prepare: one table through the pipeline, then a bucket as a team left it by hand: a
    // table's file put straight into its prefix, a prefix with no CSV, an excluded prefix
    // (athena/) and pipeline-owned ones (_raw/, _archive/) holding CSVs.
    db = await openRunDatabase();
    dir = await tempDir('sync');
    const run = await runCliInProcess([
      'local',
      'run',
      '--dir',
      dir.path,
      '--mysql-url',
      db.url,
      join(SAMPLES, 'PSY_ORD_202508291511.csv'),
    ]);
    if (run.exitCode !== 0) throw new Error(`local run failed:\n${run.stdout}\n${run.stderr}`);
    const teacher = await readFile(join(SAMPLES, TEACHER));
    await withStackS3(dir.path, async (s3) => {
      await s3.put(`school_teacher/${TEACHER}`, teacher);
      await s3.put('notes/README.txt', 'nothing to catalog here\n');
      await s3.put('athena/results_202508291511.csv', 'a,b\n1,2\n');
      await s3.put('_raw/school_teacher/SCHOOL_TEACHER_202501010000.csv', teacher);
      await s3.put('_archive/school_teacher/SCHOOL_TEACHER_202501010000.csv', teacher);
    });
  });
  afterAll(async () => {
    await db?.drop();
    await dir?.remove();
  });

  it('brings a table filed by hand into the catalog and MySQL with --table', async () => {
    // Act
    const { report, exitCode } = await sync('--table', 'school_teacher');

    // Assess
    expect(report.executions.map((e) => [e.table, e.key, e.status, e.cause])).toEqual([
      ['school_teacher', `school_teacher/${TEACHER}`, 'SUCCEEDED', null],
    ]);
    expect(report.catalog.tables.school_teacher?.columns.map((c) => c.name)).toEqual(
      TEACHER_COLUMNS,
    );
    expect(report.catalog.tables.school_teacher?.columns.every((c) => c.type === 'string')).toBe(
      true,
    );
    expect((await db.columns('school_teacher')).map((c) => c.name)).toEqual(
      report.catalog.tables.school_teacher?.columns.map((c) => c.name),
    );
    expect(exitCode).toBe(0);
  });

  it('syncs every table prefix with --all, skipping _raw/, _archive/, exclusions and prefixes without CSV', async () => {
    // Act
    const { report, exitCode } = await sync('--all');

    // Assess
    const byTable = Object.fromEntries(report.executions.map((e) => [e.table, e]));
    expect(Object.keys(byTable).sort()).toEqual(['notes', 'psy_ord', 'school_teacher']);
    expect(byTable.psy_ord).toMatchObject({
      key: 'psy_ord/PSY_ORD_202508291511.csv',
      status: 'SUCCEEDED',
    });
    expect(byTable.school_teacher).toMatchObject({
      key: `school_teacher/${TEACHER}`,
      status: 'SUCCEEDED',
    });
    expect(byTable.notes).toMatchObject({
      status: 'SKIPPED',
      cause: 'no CSV file directly in notes/',
    });
    expect(Object.keys(report.catalog.tables).sort()).toEqual(['psy_ord', 'school_teacher']);
    expect(await db.tables()).toEqual(['psy_ord', 'school_teacher']);
    expect(exitCode).toBe(0);
  });
});
