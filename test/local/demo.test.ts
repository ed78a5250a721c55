import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/run-cli.js';
import { closedMysqlUrl, tempDir } from './local-test-support.js';

const TABLES = [
  'at_basic_inquiry_val',
  'at_question',
  'at_scale_code',
  'at_user_scale_score',
  'at_user_testing_paper_pn',
  'member',
  'psy_ord',
  'psy_ord_class',
  'psy_target_detail',
  'school_class',
  'school_info',
  'school_student',
  'school_teacher',
];

describe('csv-catalog demo (npm run demo) where no MySQL answers', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let mysqlUrl: string;
  let demo: Awaited<ReturnType<typeof runCliInProcess>>;

  beforeAll(async () => {
    // Prepare: the command npm run demo runs, on a folder of its own and a closed port
    dir = await tempDir('demo');
    mysqlUrl = await closedMysqlUrl('csv_catalog_demo');
    demo = await runCliInProcess([
      'demo',
      '--dir',
      dir.path,
      '--mysql-url',
      mysqlUrl,
      '--ddl-out',
      join(dir.path, 'ddl'),
    ]);
  });
  afterAll(async () => dir?.remove());

  it('runs every sample to success and says once, on stderr, that MySQL is not there', () => {
    // Act
    const rows = demo.stdout.split('\n').filter((line) => /^[A-Z_0-9]+\.csv /.test(line));
    const mysqlLines = demo.stderr.split('\n').filter((line) => line.includes('MySQL'));

    // Assess
    expect(rows).toHaveLength(14);
    expect(rows.every((row) => / SUCCEEDED /.test(row))).toBe(true);
    expect(demo.stdout).toContain('14 of 14 succeeded; 13 catalog tables in csv_catalog');
    expect(demo.stdout).toContain(`MySQL DDL in ${join(dir.path, 'ddl')}/<table>.sql (not run)`);
    expect(demo.stdout).not.toMatch(/unavailable/);
    expect(demo.stdout.endsWith('\n')).toBe(true);
    expect(mysqlLines).toEqual([
      `MySQL at ${mysqlUrl.replace('mysql://', '')} does not answer: writing the DDL to files instead. To use one: apt-get install mariadb-server (see README), or set MYSQL_URL.`,
    ]);
    expect(demo.exitCode).toBe(0);
  });

  it('writes the CREATE TABLE statements it would run to <dir>/ddl/<table>.sql', async () => {
    // Act
    const files = (await readdir(join(dir.path, 'ddl'))).sort();
    const teacher = await readFile(join(dir.path, 'ddl', 'school_teacher.sql'), 'utf8');
    const wide = await readFile(join(dir.path, 'ddl', 'at_basic_inquiry_val.sql'), 'utf8');

    // Assess
    expect(files).toEqual(TABLES.map((table) => `${table}.sql`));
    expect(teacher).toContain(
      'CREATE DATABASE IF NOT EXISTS `csv_catalog_demo` CHARACTER SET utf8mb4',
    );
    expect(teacher).toContain(
      'CREATE TABLE IF NOT EXISTS `csv_catalog_demo`.`school_teacher` (`school_code` VARCHAR(255), `member_no` VARCHAR(255), `use_yn` VARCHAR(255), `memo` VARCHAR(255), `reg_member_no` VARCHAR(255), `reg_date` VARCHAR(255), `mod_member_no` VARCHAR(255), `mod_date` VARCHAR(255))',
    );
    expect(wide).toMatch(
      /CREATE TABLE IF NOT EXISTS `csv_catalog_demo`\.`at_basic_inquiry_val` \(/,
    );
    expect(wide).toMatch(/ TEXT[,)]/);
    for (const file of files) {
      expect(await readFile(join(dir.path, 'ddl', file), 'utf8')).toMatch(
        /^CREATE DATABASE IF NOT EXISTS .*;\nCREATE TABLE IF NOT EXISTS /,
      );
    }
  });
});
