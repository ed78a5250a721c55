import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../local/stack/run-report.js';
import { runCliInProcess } from '../support/run-cli.js';
import { openRunDatabase, tempDir } from './local-test-support.js';

/**
 * Issue [6/10]: a drop shaped like a Korean team's exports, through `local run` on the real
 * servers (s3rver, the project's Glue endpoint, MariaDB). For every table the catalog and MySQL
 * must have exactly the header's fields, in order, with the header text as the comment wherever
 * the name differs from it.
 */
interface Expected {
  table: string;
  /** [name, comment] per header field, in order; '' where the name is the cell itself. */
  columns: [string, string][];
}

const LATE_ROWS = Array.from({ length: 4000 }, (_, i) => `${i},row${i},plain`).join('\n');

const UTF8_FILES: Record<string, string> = {
  '학생_20250901.csv': '학번,이름,비고\n20250001,김민수,반장\n20250002,이서연,\n',
  '학교목록_20250901.csv': '학교명,주소\n서울초등학교,마포구\n부산중학교,해운대구\n',
  'DUP_COLS_20250901.csv': 'id,,Id,ID,,note\n1,a,b,c,d,e\n2,f,g,h,i,j\n',
  'SIGNUP_20250901.csv': 'Member No,E-mail,Reg Date,,Reg Date\n1,a@b.kr,2025-01-01,x,2025-01-02\n',
  'LATE_QUOTE_20250901.csv': `id,name,addr\n${LATE_ROWS}\n4000,late,"Mapo-gu, Seoul"\n`,
  'MEMO_20250901.csv': 'id,memo\n1,"첫 줄\n둘째 줄"\n2,plain\n',
  'PATHS_20250901.csv': 'id,path\n1,C:\\temp\\new\n2,"D:\\a\\b"\n',
  'T_20250901.csv': 'id,v\n1,a\n',
  'T_202509010000.csv': 'id,v\n2,b\n',
  'T_2025-09-01.csv': 'id,v\n3,c\n',
  'CONSTRUCTOR_20250901.csv':
    'constructor,__proto__,toString,hasOwnProperty,valueOf\n1,2,3,4,5\n6,7,8,9,10\n',
  '!!!_20250901.csv': 'a,b\n1,2\n',
};
const CP949_FILE = 'MEMBER_KR_20250901.csv';
const CP949_TEXT = '회원 번호,이름,가입일\n1,홍길동,2025-01-01\n2,김철수,2025-02-01\n';
const TIES = ['T_20250901.csv', 'T_202509010000.csv', 'T_2025-09-01.csv'];
const REFUSED = '!!!_20250901.csv';

const EXPECTED: Expected[] = [
  { table: '학생', columns: named(['학번', '이름', '비고']) },
  { table: '학교목록', columns: named(['학교명', '주소']) },
  {
    table: 'member_kr',
    columns: [
      ['회원_번호', '회원 번호'],
      ['이름', ''],
      ['가입일', ''],
    ],
  },
  {
    table: 'dup_cols',
    columns: [
      ['id', ''],
      ['col1', ''],
      ['id_2', 'Id'],
      ['id_3', 'ID'],
      ['col4', ''],
      ['note', ''],
    ],
  },
  {
    table: 'signup',
    columns: [
      ['member_no', 'Member No'],
      ['e_mail', 'E-mail'],
      ['reg_date', 'Reg Date'],
      ['col3', ''],
      ['reg_date_2', 'Reg Date'],
    ],
  },
  { table: 'late_quote', columns: named(['id', 'name', 'addr']) },
  { table: 'memo', columns: named(['id', 'memo']) },
  { table: 'paths', columns: named(['id', 'path']) },
  { table: 't', columns: named(['id', 'v']) },
  {
    table: 'constructor',
    columns: [
      ['constructor', ''],
      ['proto', '__proto__'],
      ['tostring', 'toString'],
      ['hasownproperty', 'hasOwnProperty'],
      ['value_of', 'valueOf'],
    ],
  },
];

function named(names: string[]): [string, string][] {
  return names.map((name) => [name, '']);
}

describe('a Korean team drop through local run: catalog and MySQL match every file', () => {
  let db: Awaited<ReturnType<typeof openRunDatabase>>;
  let files: Awaited<ReturnType<typeof tempDir>>;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let report: RunReport;
  let exitCode: number;

  beforeAll(async () => {
    // Prepare: every file of the drop, and a config whose table and rename keys are
    // JavaScript property names
    db = await openRunDatabase();
    files = await tempDir('korean-drop-files');
    dir = await tempDir('korean-drop-state');
    for (const [name, text] of Object.entries(UTF8_FILES)) {
      await writeFile(join(files.path, name), text);
    }
    await writeFile(join(files.path, CP949_FILE), iconv.encode(CP949_TEXT, 'cp949'));
    const config = join(files.path, 'team.yml');
    await writeFile(config, 'tables:\n  constructor:\n    rename: { valueof: value_of }\n');
    const names = [...Object.keys(UTF8_FILES), CP949_FILE];

    // Act
    const run = await runCliInProcess([
      'local',
      'run',
      '--json',
      '--dir',
      dir.path,
      '--mysql-url',
      db.url,
      '--config',
      config,
      ...names.map((name) => join(files.path, name)),
    ]);
    exitCode = run.exitCode;
    report = JSON.parse(run.stdout) as RunReport;
  }, 180_000);
  afterAll(async () => {
    await db?.drop();
    await files?.remove();
    await dir?.remove();
  });

  it('runs every file to the end; only the nameless one is refused, with a rule to add', () => {
    // Act
    const byFile = new Map(report.executions.map((e) => [e.sourceKey, e]));
    const refused = byFile.get(REFUSED);

    // Assess
    for (const [file, e] of byFile) {
      if (file === REFUSED) continue;
      expect([file, e.status, e.cause]).toEqual([file, 'SUCCEEDED', null]);
    }
    expect(refused?.status).not.toBe('SUCCEEDED');
    expect(refused?.cause).toMatch(/!!!_20250901\.csv/);
    expect(refused?.cause).toMatch(/naming/);
    expect(refused?.cause).not.toMatch(/errorType/);
    expect(exitCode).toBe(1);
  });

  it('catalogs each table with exactly the header fields, in order, with comments', () => {
    // Act
    const tables = new Map(Object.entries(report.catalog.tables));

    // Assess
    for (const { table, columns } of EXPECTED) {
      const catalog = tables.get(table)?.columns ?? [];
      expect([table, catalog.map((c) => [c.name, c.comment ?? ''])]).toEqual([table, columns]);
      expect(catalog.every((c) => c.type === 'string')).toBe(true);
    }
    expect([...tables.keys()].sort()).toEqual(EXPECTED.map((e) => e.table).sort());
  });

  it('creates the same columns in MySQL, the header text as COMMENT', async () => {
    // Act
    const [rows] = await db.connection.query<RowDataPacket[]>(
      `SELECT TABLE_NAME AS t, COLUMN_NAME AS c, COLUMN_COMMENT AS comment
         FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ?
        ORDER BY TABLE_NAME, ORDINAL_POSITION`,
      [db.database],
    );
    const mysql = new Map<string, [string, string][]>();
    for (const row of rows) {
      const table = String(row.t);
      mysql.set(table, [...(mysql.get(table) ?? []), [String(row.c), String(row.comment)]]);
    }

    // Assess
    for (const { table, columns } of EXPECTED) {
      expect([table, mysql.get(table)]).toEqual([table, columns]);
    }
    expect(mysql.size).toBe(EXPECTED.length);
  });

  it('keeps exactly one of three tied snapshots in place and archives the others', () => {
    // Act
    const inPlace = report.bucket.keys.filter((k) => k.startsWith('t/'));
    const archived = report.bucket.keys.filter((k) => k.startsWith('_archive/t/'));
    const superseded = report.executions.filter(
      (e) => TIES.includes(e.sourceKey) && JSON.stringify(e.output).includes('"superseded":true'),
    );

    // Assess
    expect(inPlace).toHaveLength(1);
    expect(archived).toHaveLength(2);
    expect([...inPlace, ...archived].map((k) => k.split('/').at(-1)).sort()).toEqual(
      [...TIES].sort(),
    );
    expect(superseded).toHaveLength(2);
  });

  it('reads every table with OpenCSVSerde: late quoted fields and backslashes survive', () => {
    // Act
    const tables = new Map(Object.entries(report.catalog.tables));
    const paths = tables.get('paths');

    // Assess
    for (const { table } of EXPECTED) {
      expect([table, tables.get(table)?.serde]).toEqual([
        table,
        'org.apache.hadoop.hive.serde2.OpenCSVSerde',
      ]);
    }
    expect(paths?.parameters.separatorChar).toBe(',');
    expect(paths?.parameters.quoteChar).toBe('"');
    expect(paths?.parameters.escapeChar).toBeDefined();
    expect(UTF8_FILES['PATHS_20250901.csv']).not.toContain(paths?.parameters.escapeChar);
  });

  it('says where quoted line breaks are, in the table and in the execution output', () => {
    // Act
    const memo = report.catalog.tables.memo;
    const execution = report.executions.find((e) => e.sourceKey === 'MEMO_20250901.csv');
    const others = Object.entries(report.catalog.tables).filter(([name]) => name !== 'memo');

    // Assess
    expect(memo?.parameters['csv_catalog.quoted_line_breaks']).toBe('true');
    expect(JSON.stringify(execution?.output)).toMatch(/line break/);
    for (const [, table] of others) {
      expect(table.parameters['csv_catalog.quoted_line_breaks']).not.toBe('true');
    }
  });
});
