import { readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../local/stack/run-report.js';
import { runCliInProcess } from '../support/run-cli.js';
import { TEACHER_COLUMNS } from '../support/school-teacher.js';
import { openRunDatabase, SAMPLES, tempDir, withStackS3 } from './local-test-support.js';

/** Each sample's table; the older school_class snapshot is archived, not filed. */
const TABLE_OF: Record<string, string> = {
  'AT_BASIC_INQUIRY_VAL_202508291510.csv': 'at_basic_inquiry_val',
  'AT_QUESTION_202508291510.csv': 'at_question',
  'AT_SCALE_CODE_202508291510.csv': 'at_scale_code',
  'AT_USER_SCALE_SCORE_202508291511.csv': 'at_user_scale_score',
  'AT_USER_TESTING_PAPER_PN_202508291511.csv': 'at_user_testing_paper_pn',
  'MEMBER_202508291511.csv': 'member',
  'PSY_ORD_202508291511.csv': 'psy_ord',
  'PSY_ORD_CLASS_202508291511.csv': 'psy_ord_class',
  'PSY_TARGET_DETAIL_202508291511.csv': 'psy_target_detail',
  'SCHOOL_CLASS_202508291511.csv': 'school_class',
  'SCHOOL_CLASS_202508301000.csv': 'school_class',
  'SCHOOL_INFO_202508291512.csv': 'school_info',
  'SCHOOL_STUDENT_202508291512.csv': 'school_student',
  'SCHOOL_TEACHER_202508291512.csv': 'school_teacher',
};
const OLDER_SNAPSHOT = 'SCHOOL_CLASS_202508291511.csv';
const TABLES = [...new Set(Object.values(TABLE_OF))].sort();
/** Dropped alongside the samples: refused by filing, not a CSV, empty. */
// Korean letters make a table name (학교.csv files as 학교); punctuation alone gives none.
const NAMELESS = '!!!.csv';
const NOT_CSV = 'notes.txt';
const EMPTY = 'EMPTY_TABLE_202508291511.csv';

describe('csv-catalog local run --json over samples/, against MariaDB', () => {
  let db: Awaited<ReturnType<typeof openRunDatabase>>;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let extras: Awaited<ReturnType<typeof tempDir>>;
  let run: Awaited<ReturnType<typeof runCliInProcess>>;
  let report: RunReport;

  beforeAll(async () => {
    // Prepare: the samples and three files the pipeline must not take; one run, read below.
    // No --config: the repository's csv-catalog.config.yml is not loaded, so school_teacher's
    // names must come from its header, not from the configured rename list.
    db = await openRunDatabase();
    dir = await tempDir('local-run');
    extras = await tempDir('local-run-extras');
    await writeFile(join(extras.path, NAMELESS), 'a,b\n1,2\n');
    await writeFile(join(extras.path, NOT_CSV), 'not a table\n');
    await writeFile(join(extras.path, EMPTY), '');
    run = await runCliInProcess([
      'local',
      'run',
      '--json',
      '--dir',
      dir.path,
      '--mysql-url',
      db.url,
      SAMPLES,
      ...[NAMELESS, NOT_CSV, EMPTY].map((name) => join(extras.path, name)),
    ]);
    report = JSON.parse(run.stdout) as RunReport;
  });
  afterAll(async () => {
    await db?.drop();
    await dir?.remove();
    await extras?.remove();
  });

  it('prints one JSON document and fails only because of the refused file', () => {
    // Act
    const statuses = Object.fromEntries(report.executions.map((e) => [e.sourceKey, e.status]));

    // Assess
    expect(run.stdout.trimStart().startsWith('{')).toBe(true);
    expect(run.stdout.endsWith('}\n')).toBe(true);
    expect(statuses).toEqual({
      ...Object.fromEntries(Object.keys(TABLE_OF).map((file) => [file, 'SUCCEEDED'])),
      [NAMELESS]: 'REFUSED',
      [NOT_CSV]: 'SKIPPED',
      [EMPTY]: 'SKIPPED',
    });
    expect(run.exitCode).toBe(1);
  });

  it('runs every sample to the end, the older snapshot as superseded', () => {
    // Act
    const samples = report.executions.filter((e) => TABLE_OF[e.sourceKey]);
    const older = samples.find((e) => e.sourceKey === OLDER_SNAPSHOT);
    const current = samples.filter((e) => e !== older);

    // Assess
    expect(samples.map((e) => [e.sourceKey, e.table, e.error, e.cause])).toEqual(
      Object.entries(TABLE_OF).map(([file, table]) => [file, table, null, null]),
    );
    expect(older?.key).toBe(`_archive/school_class/${OLDER_SNAPSHOT}`);
    expect(older?.output).toMatchObject({ superseded: true, newestSnapshot: '202508301000' });
    expect(JSON.stringify(older?.output)).toMatch(/newer snapshot/);
    for (const e of current) {
      expect(e.key).toBe(`${e.table}/${e.sourceKey}`);
      expect(e.states).toContainEqual({ name: 'SyncRdsDdl', status: 'SUCCEEDED' });
    }
  });

  it('reports the refused, non-CSV and empty files with their reasons', () => {
    // Act
    const byKey = Object.fromEntries(report.executions.map((e) => [e.sourceKey, e]));

    // Assess
    expect(byKey[NAMELESS]).toMatchObject({ status: 'REFUSED', error: 'NamingError', key: null });
    expect(byKey[NAMELESS]?.cause).toMatch(/!!!\.csv: the file name gives no table name/);
    expect(byKey[NOT_CSV]).toMatchObject({ status: 'SKIPPED', cause: 'not a .csv file' });
    expect(byKey[EMPTY]).toMatchObject({ status: 'SKIPPED', cause: 'zero-byte object' });
  });

  it("files every sample under its table's prefix and keeps originals and older snapshots", async () => {
    // Act
    const rawMember = await withStackS3(dir.path, (s3) =>
      s3.get('_raw/member/MEMBER_202508291511.csv'),
    );

    // Assess
    expect(report.bucket.name).toBe('csv-catalog-local');
    expect(report.bucket.keys).toEqual(
      [
        ...Object.entries(TABLE_OF)
          .filter(([file]) => file !== OLDER_SNAPSHOT)
          .map(([file, table]) => `${table}/${file}`),
        `_archive/school_class/${OLDER_SNAPSHOT}`,
        '_raw/member/MEMBER_202508291511.csv',
        '_raw/school_info/SCHOOL_INFO_202508291512.csv',
        NAMELESS,
        NOT_CSV,
        EMPTY,
      ].sort(),
    );
    expect(rawMember.equals(await readFile(join(SAMPLES, 'MEMBER_202508291511.csv')))).toBe(true);
  });

  it('catalogs every table with string columns, names from the header and the right SerDe', () => {
    // Act
    const { database, tables } = report.catalog;

    // Assess
    expect(database).toBe('csv_catalog');
    expect(Object.keys(tables).sort()).toEqual(TABLES);
    for (const [name, table] of Object.entries(tables)) {
      expect(table.location).toBe(`s3://csv-catalog-local/${name}/`);
      expect(table.columns.filter((c) => c.type !== 'string')).toEqual([]);
    }
    expect(tables.school_teacher?.columns.map((c) => c.name)).toEqual(TEACHER_COLUMNS);
    expect(tables.at_basic_inquiry_val?.columns).toHaveLength(136);
    expect(tables.at_question?.serde).toBe('org.apache.hadoop.hive.serde2.OpenCSVSerde');
    expect(tables.school_info?.serde).toBe('org.apache.hadoop.hive.serde2.OpenCSVSerde');
    expect(tables.school_class?.columns.at(-1)?.name).toBe('class_type');
  });

  it("creates the same tables and columns in the test's MySQL database, the wide one with TEXT", async () => {
    // Act
    const [rows] = await db.connection.query<RowDataPacket[]>(
      `SELECT TABLE_NAME AS t, COLUMN_NAME AS c, DATA_TYPE AS type
         FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ?
        ORDER BY TABLE_NAME, ORDINAL_POSITION`,
      [db.database],
    );
    const mysql: Record<string, { name: string; type: string }[]> = {};
    for (const row of rows) {
      mysql[row.t] ??= [];
      mysql[row.t]?.push({ name: row.c, type: row.type });
    }

    // Assess
    expect(report.rds.database).toBe(db.database);
    expect(report.rds.unavailable).toBeUndefined();
    expect(Object.keys(mysql).sort()).toEqual(TABLES);
    for (const [name, table] of Object.entries(report.catalog.tables)) {
      expect(mysql[name]?.map((c) => c.name)).toEqual(table.columns.map((c) => c.name));
      expect(report.rds.tables[name]?.columns.map((c) => c.name)).toEqual(
        table.columns.map((c) => c.name),
      );
    }
    const wide = mysql.at_basic_inquiry_val ?? [];
    expect(wide).toHaveLength(136);
    expect(wide.some((c) => c.type === 'text')).toBe(true);
    expect(mysql.school_teacher?.every((c) => c.type === 'varchar')).toBe(true);
  });
});

describe('csv-catalog local run with nothing to catalog', () => {
  it('exits 0 when files are only skipped', async () => {
    // Prepare
    const dir = await tempDir('local-run-skipped');
    const db = await openRunDatabase();
    await writeFile(join(dir.path, NOT_CSV), 'not a table\n');
    await writeFile(join(dir.path, EMPTY), '');

    try {
      // Act
      const run = await runCliInProcess([
        'local',
        'run',
        '--json',
        '--dir',
        join(dir.path, 'state'),
        '--mysql-url',
        db.url,
        join(dir.path, NOT_CSV),
        join(dir.path, EMPTY),
      ]);

      // Assess
      const report = JSON.parse(run.stdout) as RunReport;
      expect(report.executions.map((e) => e.status)).toEqual(['SKIPPED', 'SKIPPED']);
      expect(run.exitCode).toBe(0);
    } finally {
      await db.drop();
      await dir.remove();
    }
  });
});

// The samples folder holds exactly the files this test expects (README.md aside).
it('knows every sample', () => {
  // Act
  const files = readdirSync(SAMPLES).filter((f) => f.endsWith('.csv'));

  // Assess
  expect(files.sort()).toEqual(Object.keys(TABLE_OF).sort());
});
