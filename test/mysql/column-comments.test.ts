import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CatalogColumn } from '../../shared/mysql/catalog-column.js';
import { mysqlColumnComment } from '../../shared/mysql/column-comment.js';
import type { MysqlQueryable } from '../../shared/mysql/run-statement.js';
import { syncTableDdl } from '../../shared/mysql/sync-table-ddl.js';
import { openTestDatabase, type TestDatabase } from './test-database.js';

describe('syncTableDdl with column comments', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await openTestDatabase();
  });
  afterEach(async () => db?.drop());
  const sync = (
    input: Omit<Parameters<typeof syncTableDdl>[0], 'database'>,
    connection: MysqlQueryable = db.connection,
  ) => syncTableDdl({ database: db.database, ...input }, { connection });
  const q = (table: string) => `\`${db.database}\`.\`${table}\``;

  it('creates columns with the header text as COMMENT where the name differs, then does nothing', async () => {
    // Prepare
    const columns: CatalogColumn[] = [
      { name: '학번', type: 'string' },
      { name: '학교_code', type: 'string', comment: '학교 code' },
      { name: 'col2', type: 'string', comment: '' },
      { name: 'reg_date', type: 'string', comment: 'Reg Date' },
    ];

    // Act
    const first = await sync({ table: '학교목록', columns });
    const second = await sync({ table: '학교목록', columns });

    // Assess
    expect(first.statements[1]).toBe(
      `CREATE TABLE IF NOT EXISTS ${q('학교목록')} (\`학번\` VARCHAR(255), \`학교_code\` VARCHAR(255) COMMENT '학교 code', \`col2\` VARCHAR(255), \`reg_date\` VARCHAR(255) COMMENT 'Reg Date') DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    expect(first).toMatchObject({ created: true, commented: [], kept: [] });
    expect(await db.comments('학교목록')).toEqual([
      { name: '학번', comment: '' },
      { name: '학교_code', comment: '학교 code' },
      { name: 'col2', comment: '' },
      { name: 'reg_date', comment: 'Reg Date' },
    ]);
    expect(second.statements).toEqual([]);
  });

  it('stores comments that need escaping, an emoji and more than 1,024 characters, and reads them back equal', async () => {
    // Prepare
    const texts = [
      "it's",
      'back\\slash \\n not a newline',
      "\\' , ADD COLUMN evil INT -- ",
      'line\nbreak\ttab',
      'nul\0byte',
      '주소 🏠 (home)',
      '비'.repeat(1100),
      'trailing space ',
    ];
    const columns = texts.map((comment, i) => ({ name: `c${i}`, type: 'string', comment }));

    // Act
    const first = await sync({ table: 'escapes', columns });
    const second = await sync({ table: 'escapes', columns });

    // Assess
    expect(await db.comments('escapes')).toEqual(
      texts.map((text, i) => ({ name: `c${i}`, comment: mysqlColumnComment(text) })),
    );
    expect((await db.comments('escapes'))[5]?.comment).toBe('주소 \\u{1F3E0} (home)');
    expect((await db.comments('escapes'))[6]?.comment).toHaveLength(1024);
    expect(first.created).toBe(true);
    expect(second.statements).toEqual([]);
  });

  it('changes, sets and clears comments of existing columns with one metadata-only ALTER', async () => {
    // Prepare
    await sync({
      table: 'member',
      columns: [
        { name: 'member_no', type: 'bigint', comment: 'Member No' },
        { name: 'e_mail', type: 'string', comment: 'E-mail' },
        { name: 'note', type: 'string' },
        { name: 'same', type: 'string', comment: 'Same' },
      ],
    });
    await db.connection.query(`INSERT INTO ${q('member')} VALUES (1, 'a@b.kr', '비고', 'x')`);
    const later: CatalogColumn[] = [
      { name: 'member_no', type: 'bigint', comment: '회원 번호' },
      { name: 'e_mail', type: 'string' },
      { name: 'note', type: 'string', comment: 'Note!' },
      { name: 'same', type: 'string', comment: 'Same' },
    ];

    // Act
    const result = await sync({ table: 'member', columns: later });
    const again = await sync({ table: 'member', columns: later });

    // Assess
    expect(result.statements).toEqual([
      `ALTER TABLE ${q('member')} MODIFY COLUMN \`member_no\` bigint(20) COMMENT '회원 번호', MODIFY COLUMN \`e_mail\` varchar(255) COMMENT '', MODIFY COLUMN \`note\` varchar(255) COMMENT 'Note!', ALGORITHM=INSTANT`,
    ]);
    expect(result).toMatchObject({
      created: false,
      added: [],
      widened: [],
      commented: ['member_no', 'e_mail', 'note'],
      kept: [],
    });
    expect(await db.comments('member')).toEqual([
      { name: 'member_no', comment: '회원 번호' },
      { name: 'e_mail', comment: '' },
      { name: 'note', comment: 'Note!' },
      { name: 'same', comment: 'Same' },
    ]);
    expect(await db.columns('member')).toEqual([
      { name: 'member_no', type: 'bigint(20)' },
      { name: 'e_mail', type: 'varchar(255)' },
      { name: 'note', type: 'varchar(255)' },
      { name: 'same', type: 'varchar(255)' },
    ]);
    const [rows] = await db.connection.query(`SELECT * FROM ${q('member')}`);
    expect(rows).toEqual([{ member_no: 1, e_mail: 'a@b.kr', note: '비고', same: 'x' }]);
    expect(again.statements).toEqual([]);
    expect(again.commented).toEqual([]);
  });

  it('keeps NOT NULL and a hand-made comment is no obstacle to widening', async () => {
    // Prepare
    await db.connection.query(`CREATE DATABASE \`${db.database}\``);
    await db.connection.query(
      `CREATE TABLE ${q('psy_ord')} (code VARCHAR(10) NOT NULL COMMENT 'hand-made', memo VARCHAR(10) NOT NULL COMMENT 'old')`,
    );

    // Act
    const result = await sync({
      table: 'psy_ord',
      columns: [
        { name: 'code', type: 'string', comment: 'Code' },
        { name: 'memo', type: 'varchar(10)', comment: '메모' },
      ],
    });

    // Assess
    expect(result.statements).toEqual([
      `ALTER TABLE ${q('psy_ord')} MODIFY COLUMN \`code\` VARCHAR(255) NOT NULL COMMENT 'Code', ALGORITHM=INSTANT`,
      `ALTER TABLE ${q('psy_ord')} MODIFY COLUMN \`memo\` varchar(10) NOT NULL COMMENT '메모', ALGORITHM=INSTANT`,
    ]);
    expect(result.widened).toEqual([{ column: 'code', from: 'VARCHAR(10)', to: 'VARCHAR(255)' }]);
    expect(result.commented).toEqual(['code', 'memo']);
    expect(result.kept).toEqual([]);
    expect(await db.comments('psy_ord')).toEqual([
      { name: 'code', comment: 'Code' },
      { name: 'memo', comment: '메모' },
    ]);
    const [nullable] = await db.connection.query(
      'SELECT IS_NULLABLE AS n FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?',
      [db.database, 'psy_ord'],
    );
    expect(nullable).toEqual([{ n: 'NO' }, { n: 'NO' }]);
  });

  it('adds new columns with their comments, after their predecessor', async () => {
    // Prepare
    await sync({ table: 'school_info', columns: [{ name: 'a', type: 'string' }] });

    // Act
    const result = await sync({
      table: 'school_info',
      columns: [
        { name: 'a', type: 'string' },
        { name: '주소', type: 'string', comment: ' 주소 ' },
      ],
    });

    // Assess
    expect(result.statements).toEqual([
      `ALTER TABLE ${q('school_info')} ADD COLUMN \`주소\` VARCHAR(255) COMMENT ' 주소 ' AFTER \`a\`, ALGORITHM=INSTANT`,
    ]);
    expect(result).toMatchObject({ added: ['주소'], commented: [] });
    expect(await db.comments('school_info')).toEqual([
      { name: 'a', comment: '' },
      { name: '주소', comment: ' 주소 ' },
    ]);
  });

  it('keeps the comment of a column MODIFY would strip of its default, and says why', async () => {
    // Prepare
    await db.connection.query(`CREATE DATABASE \`${db.database}\``);
    await db.connection.query(
      `CREATE TABLE ${q('defaults')} (use_yn CHAR(1) DEFAULT 'Y' COMMENT 'old', note TEXT)`,
    );

    // Act
    const result = await sync({
      table: 'defaults',
      columns: [
        { name: 'use_yn', type: 'char(1)', comment: 'Use Y/N' },
        { name: 'note', type: 'string' },
      ],
    });

    // Assess
    expect(result.statements).toEqual([]);
    expect(result.commented).toEqual([]);
    expect(result.kept).toEqual([
      {
        column: 'use_yn',
        reason:
          "catalog's comment differs from MySQL's, but the column has a default value; comment not changed",
      },
    ]);
    expect(await db.comments('defaults')).toEqual([
      { name: 'use_yn', comment: 'old' },
      { name: 'note', comment: '' },
    ]);
  });

  it('leaves a comment alone, reported as kept, when the server would rebuild the table for it', async () => {
    // Prepare: the real server refuses the metadata-only ALTER, as a server does whose
    // ALGORITHM=INSTANT cannot change the column (here: asked to change its type as well).
    await sync({ table: 'school_class', columns: [{ name: 'a', type: 'string', comment: 'A' }] });
    const refusing: MysqlQueryable = {
      query: ((sql: string, values?: unknown[]) =>
        db.connection.query(
          sql.endsWith('ALGORITHM=INSTANT') ? sql.replace(' varchar(255) ', ' text ') : sql,
          values,
        )) as MysqlQueryable['query'],
    };

    // Act
    const result = await sync(
      { table: 'school_class', columns: [{ name: 'a', type: 'string', comment: 'Class A' }] },
      refusing,
    );

    // Assess
    expect(result.statements).toEqual([]);
    expect(result.commented).toEqual([]);
    expect(result.kept).toHaveLength(1);
    expect(result.kept[0]?.column).toBe('a');
    expect(result.kept[0]?.reason).toMatch(
      /^catalog's comment differs from MySQL's, but the server would rebuild the table to change it \(ER_ALTER_OPERATION_NOT_SUPPORTED_REASON: .*\); comment not changed$/,
    );
    expect(await db.comments('school_class')).toEqual([{ name: 'a', comment: 'A' }]);
    expect(await db.columns('school_class')).toEqual([{ name: 'a', type: 'varchar(255)' }]);
  });

  it('writes comments that cannot end their literal early, even under NO_BACKSLASH_ESCAPES', async () => {
    // Prepare
    await db.connection.query("SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')");
    const hostile = "x\\', evil INT, z VARCHAR(1) COMMENT '";

    // Act
    await sync({ table: 'nbe', columns: [{ name: 'a', type: 'string', comment: hostile }] });

    // Assess
    const columns = await db.comments('nbe');
    expect(columns.map((c) => c.name)).toEqual(['a']);
    // Without backslash escapes a backslash is itself: only its count differs, never the column list.
    expect(columns[0]?.comment).toBe("x\\\\', evil INT, z VARCHAR(1) COMMENT '");
  });
});
