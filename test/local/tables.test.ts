import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TableOverview } from '../../shared/tables/table-overview.js';
import { runCliInProcess } from '../support/run-cli.js';
import { startCliProcess } from './local-stack-process.js';
import { freePort, openRunDatabase, tempDir } from './local-test-support.js';

/**
 * `csv-catalog tables --dir` on a folder `local run` filled: the real s3rver, the project's Glue
 * endpoint and MariaDB. The file rows are counted by streaming the filed file (quoted line
 * breaks are not records), MySQL's by COUNT(*).
 */
const FILES: Record<string, string> = {
  // A Korean table name; a quoted line break inside a record; a blank line at the end.
  '학생_20250901.csv':
    '학번,이름,비고\r\n20250001,김민수,"반장\r\n부반장"\r\n20250002,이서연,\r\n\r\n',
  // A Korean header whose names differ from the cells: the cells become comments.
  'MEMBER_KR_20250901.csv':
    '회원 번호,이름,가입 일자\n1,홍길동,2025-01-01\n2,김철수,2025-02-01\n3,"박, 영희",2025-03-01\n',
  'PLAIN_20250901.csv': 'id;v\n1;a\n',
};

describe('csv-catalog tables on a local stack folder', () => {
  let db: Awaited<ReturnType<typeof openRunDatabase>>;
  let files: Awaited<ReturnType<typeof tempDir>>;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  const tables = (...args: string[]) =>
    runCliInProcess(['tables', ...args, '--dir', dir.path, '--mysql-url', db.url]);
  const overviews = async (...args: string[]) => {
    const run = await tables(...args, '--json');
    const document = JSON.parse(run.stdout) as { tables: TableOverview[] };
    return { ...run, byTable: new Map(document.tables.map((t) => [t.table, t])) };
  };

  beforeAll(async () => {
    // Prepare: three files through the pipeline, then two rows put into one MySQL table by hand
    // (loading rows is not on by default), so that COUNT(*) has something to count.
    db = await openRunDatabase();
    files = await tempDir('tables-files');
    dir = await tempDir('tables-state');
    for (const [name, text] of Object.entries(FILES)) await writeFile(join(files.path, name), text);
    const run = await runCliInProcess([
      'local',
      'run',
      '--dir',
      dir.path,
      '--mysql-url',
      db.url,
      ...Object.keys(FILES).map((name) => join(files.path, name)),
    ]);
    if (run.exitCode !== 0) throw new Error(`local run failed:\n${run.stdout}\n${run.stderr}`);
    await db.connection.query(
      `INSERT INTO \`${db.database}\`.\`member_kr\` VALUES ('1','홍길동','2025-01-01'), ('2','김철수','2025-02-01')`,
    );
  }, 180_000);
  afterAll(async () => {
    await db?.drop();
    await files?.remove();
    await dir?.remove();
  });

  it('shows every table: columns side by side with comments, rows in the file and in MySQL, crawler and execution', async () => {
    // Act
    const { exitCode, byTable, stderr } = await overviews();

    // Assess
    expect([...byTable.keys()].sort()).toEqual(['member_kr', 'plain', '학생']);
    const member = byTable.get('member_kr');
    expect(member?.columns).toEqual([
      {
        catalog: { name: '회원_번호', type: 'string', comment: '회원 번호' },
        mysql: { name: '회원_번호', type: expect.any(String), comment: '회원 번호' },
      },
      {
        catalog: { name: '이름', type: 'string', comment: '' },
        mysql: { name: '이름', type: expect.any(String), comment: '' },
      },
      {
        catalog: { name: '가입_일자', type: 'string', comment: '가입 일자' },
        mysql: { name: '가입_일자', type: expect.any(String), comment: '가입 일자' },
      },
    ]);
    expect(member?.columns[0]?.mysql?.type).toMatch(/^varchar\(\d+\)$/);
    expect(member?.file).toEqual({ key: 'member_kr/MEMBER_KR_20250901.csv', rows: 3 });
    expect(member?.mysqlRows).toBe(2);
    expect(member?.crawler).toMatchObject({
      name: 'crawler_member_kr',
      exists: true,
      status: 'SUCCEEDED',
    });
    expect(member?.crawler.startedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(member?.lastExecution?.status).toBe('SUCCEEDED');
    expect(member?.lastExecution?.name).toContain('member_kr');
    const student = byTable.get('학생');
    expect(student?.file).toEqual({ key: '학생/학생_20250901.csv', rows: 2 });
    expect(student?.mysqlRows).toBe(0);
    expect(student?.columns.map((p) => [p.catalog?.name, p.mysql?.name])).toEqual([
      ['학번', '학번'],
      ['이름', '이름'],
      ['비고', '비고'],
    ]);
    expect(byTable.get('plain')?.file?.rows).toBe(1);
    expect([...byTable.values()].flatMap((t) => t.problems)).toEqual([]);
    expect([...byTable.values()].map((t) => t.columnsDisagree)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(exitCode, stderr).toBe(0);
  }, 60_000);

  it('prints one aligned block per table with --table', async () => {
    // Act
    const { exitCode, stdout } = await tables('--table', '학생', 'member_kr');

    // Assess
    expect(stdout).toContain('TABLE      학생');
    expect(stdout).toContain('file       학생/학생_20250901.csv: 2 rows');
    expect(stdout).toContain('MySQL      2 rows');
    expect(stdout).toMatch(/crawler {4}crawler_member_kr: SUCCEEDED \(started /);
    // Hangul takes two columns: the cells after it line up on a terminal.
    expect(stdout).toContain(
      '회원_번호       string  회원 번호  회원_번호     varchar(255)  회원 번호\n이름            string             이름          varchar(255)\n',
    );
    expect(stdout.indexOf('TABLE      학생')).toBeLessThan(stdout.indexOf('TABLE      member_kr'));
    expect(exitCode).toBe(0);
  }, 60_000);

  it('exits 1 and says so when MySQL has a column the catalog lacks', async () => {
    // Prepare
    await db.connection.query(`ALTER TABLE \`${db.database}\`.\`plain\` ADD COLUMN 추가 TEXT`);

    // Act
    const { exitCode, byTable } = await overviews('--table', 'plain');
    const text = await tables('--table', 'plain');

    // Assess
    expect(byTable.get('plain')?.columnsDisagree).toBe('not in the catalog: 추가');
    expect(byTable.get('plain')?.columns.at(-1)).toEqual({
      mysql: { name: '추가', type: 'text', comment: '' },
    });
    expect(text.stdout).toContain('DISAGREE: not in the catalog: 추가');
    expect(text.stdout).toMatch(/\(none\) {2,}추가/);
    expect(text.stderr).toContain('catalog and MySQL columns disagree for plain');
    expect(exitCode).toBe(1);
    expect(text.exitCode).toBe(1);
  }, 60_000);

  it('reads beside a stack that runs on the folder (local up), without taking its lock', async () => {
    // Prepare
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
      '--mysql-url',
      db.url,
    ]);
    try {
      await up.waitForStdout(/Ctrl-C stops\.\n/);

      // Act
      const { exitCode, byTable, stderr } = await overviews('--table', 'member_kr');

      // Assess
      expect(byTable.get('member_kr')?.file?.rows).toBe(3);
      expect(byTable.get('member_kr')?.mysqlRows).toBe(2);
      expect(byTable.get('member_kr')?.crawler.status).toBe('SUCCEEDED');
      expect(exitCode, stderr).toBe(0);
      expect(up.child.exitCode).toBeNull();
    } finally {
      await up.stop();
    }
  }, 90_000);
});
