import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RdsSchemaInvalid, RdsTableTooWide } from '../../shared/errors.js';
import type { CatalogColumn } from '../../shared/mysql/catalog-column.js';
import type { MysqlQueryable } from '../../shared/mysql/run-statement.js';
import { syncTableDdl } from '../../shared/mysql/sync-table-ddl.js';
import { openTestDatabase, type TestDatabase } from './test-database.js';

const strings = (...names: string[]): CatalogColumn[] =>
  names.map((name) => ({ name, type: 'string' }));
const numbered = (n: number): CatalogColumn[] =>
  strings(...Array.from({ length: n }, (_, i) => `col${i}`));

describe('syncTableDdl', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await openTestDatabase();
  });
  afterEach(async () => db?.drop());
  const sync = (input: Omit<Parameters<typeof syncTableDdl>[0], 'database'>) =>
    syncTableDdl({ database: db.database, ...input }, { connection: db.connection });

  it('creates the database and the table, then does nothing the second time', async () => {
    // Prepare
    const columns: CatalogColumn[] = [
      { name: 'school_code', type: 'string' },
      { name: 'member_no', type: 'bigint' },
      { name: 'score', type: 'decimal(5,2)' },
      { name: 'use_yn', type: 'boolean' },
      { name: 'reg_date', type: 'timestamp' },
      { name: 'tags', type: 'array<string>' },
    ];

    // Act
    const first = await sync({ table: 'school_teacher', columns });
    const second = await sync({ table: 'school_teacher', columns });

    // Assess
    expect(first).toMatchObject({ created: true, added: [], widened: [], kept: [] });
    expect(first.statements).toEqual([
      `CREATE DATABASE IF NOT EXISTS \`${db.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
      `CREATE TABLE IF NOT EXISTS \`${db.database}\`.\`school_teacher\` (\`school_code\` VARCHAR(255), \`member_no\` BIGINT, \`score\` DECIMAL(5,2), \`use_yn\` BOOLEAN, \`reg_date\` DATETIME, \`tags\` JSON) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    ]);
    expect(await db.columns('school_teacher')).toEqual([
      { name: 'school_code', type: 'varchar(255)' },
      { name: 'member_no', type: 'bigint(20)' },
      { name: 'score', type: 'decimal(5,2)' },
      { name: 'use_yn', type: 'tinyint(1)' },
      { name: 'reg_date', type: 'datetime' },
      { name: 'tags', type: 'longtext' },
    ]);
    expect(second).toEqual({
      database: db.database,
      table: 'school_teacher',
      created: false,
      statements: [],
      added: [],
      widened: [],
      commented: [],
      kept: [],
    });
  });

  it('creates a table of 200 string columns, turning the last ones into TEXT', async () => {
    // Act
    const first = await sync({ table: 'at_basic_inquiry_val', columns: numbered(200) });
    const second = await sync({ table: 'at_basic_inquiry_val', columns: numbered(200) });

    // Assess
    const types = (await db.columns('at_basic_inquiry_val')).map((c) => c.type);
    expect(types).toHaveLength(200);
    const firstText = types.indexOf('text');
    expect(firstText).toBeGreaterThan(55);
    expect(types.slice(0, firstText).every((t) => t === 'varchar(255)')).toBe(true);
    expect(types.slice(firstText).every((t) => t === 'text')).toBe(true);
    expect(first.widened).toHaveLength(200 - firstText);
    expect(first.widened[0]).toEqual({
      column: `col${firstText}`,
      from: 'VARCHAR(255)',
      to: 'TEXT',
    });
    expect(second.statements).toEqual([]);
    expect(second.kept).toEqual([]);
  });

  it('keeps 64 string columns as VARCHAR(255)', async () => {
    // Act
    const result = await sync({ table: 'wide64', columns: numbered(64) });

    // Assess
    expect(result.widened).toEqual([]);
    const types = new Set((await db.columns('wide64')).map((c) => c.type));
    expect(types).toEqual(new Set(['varchar(255)']));
  });

  it('makes a column TEXT when a sampled value is longer than 255 characters (header case aside)', async () => {
    // Act
    const result = await sync({
      table: 'memo',
      columns: strings('id', 'memo', 'note'),
      sampleMaxLengths: { ID: 10, MEMO: 256, note: 255 },
    });

    // Assess
    expect(result.widened).toEqual([{ column: 'memo', from: 'VARCHAR(255)', to: 'TEXT' }]);
    expect((await db.columns('memo')).map((c) => c.type)).toEqual([
      'varchar(255)',
      'text',
      'varchar(255)',
    ]);
  });

  it('adds new catalog columns in catalog order, after their predecessor', async () => {
    // Prepare
    await sync({ table: 'psy_ord', columns: strings('a', 'b', 'd') });

    // Act
    const result = await sync({ table: 'psy_ord', columns: strings('z', 'a', 'b', 'c', 'd', 'e') });

    // Assess
    expect(result).toMatchObject({ created: false, added: ['z', 'c', 'e'], widened: [], kept: [] });
    expect(result.statements).toEqual([
      `ALTER TABLE \`${db.database}\`.\`psy_ord\` ADD COLUMN \`z\` VARCHAR(255) FIRST, ADD COLUMN \`c\` VARCHAR(255) AFTER \`b\`, ADD COLUMN \`e\` VARCHAR(255) AFTER \`d\`, ALGORITHM=INSTANT`,
    ]);
    expect((await db.columns('psy_ord')).map((c) => c.name)).toEqual([
      'z',
      'a',
      'b',
      'c',
      'd',
      'e',
    ]);
    expect(
      (await sync({ table: 'psy_ord', columns: strings('z', 'a', 'b', 'c', 'd', 'e') })).statements,
    ).toEqual([]);
  });

  it('keeps columns the catalog lacks or narrows, dropping and narrowing nothing', async () => {
    // Prepare
    await sync({
      table: 'member',
      columns: [
        { name: 'id', type: 'bigint' },
        { name: 'name', type: 'string' },
        { name: 'legacy', type: 'string' },
        { name: 'age', type: 'int' },
      ],
    });
    const before = await db.columns('member');

    // Act
    const result = await sync({
      table: 'member',
      columns: [
        { name: 'ID', type: 'int' },
        { name: 'name', type: 'varchar(40)' },
        { name: 'age', type: 'string' },
      ],
    });

    // Assess
    expect(result.statements).toEqual([]);
    expect(result.kept).toEqual([
      { column: 'legacy', reason: 'in MySQL but not in the catalog; not dropped' },
      { column: 'id', reason: "catalog asks for INT, narrower than MySQL's BIGINT; not narrowed" },
      {
        column: 'name',
        reason: "catalog asks for VARCHAR(40), narrower than MySQL's VARCHAR(255); not narrowed",
      },
      { column: 'age', reason: 'catalog asks for VARCHAR(255), MySQL has INT; type not changed' },
    ]);
    expect(await db.columns('member')).toEqual(before);
  });

  it('widens columns whose catalog type grew, once', async () => {
    // Prepare
    const old: CatalogColumn[] = [
      { name: 'n', type: 'int' },
      { name: 'f', type: 'float' },
      { name: 'd', type: 'decimal(10,2)' },
      { name: 's', type: 'varchar(40)' },
      { name: 'day', type: 'date' },
    ];
    await sync({ table: 'psy_class', columns: old });
    const grown: CatalogColumn[] = [
      { name: 'n', type: 'bigint' },
      { name: 'f', type: 'double' },
      { name: 'd', type: 'decimal(12,2)' },
      { name: 's', type: 'string' },
      { name: 'day', type: 'timestamp' },
    ];

    // Act
    const result = await sync({ table: 'psy_class', columns: grown, sampleMaxLengths: { s: 300 } });
    const again = await sync({ table: 'psy_class', columns: grown, sampleMaxLengths: { s: 300 } });

    // Assess
    expect(result.widened).toEqual([
      { column: 'n', from: 'INT', to: 'BIGINT' },
      { column: 'f', from: 'FLOAT', to: 'DOUBLE' },
      { column: 'd', from: 'DECIMAL(10,2)', to: 'DECIMAL(12,2)' },
      { column: 's', from: 'VARCHAR(40)', to: 'TEXT' },
      { column: 'day', from: 'DATE', to: 'DATETIME' },
    ]);
    expect(result.statements).toHaveLength(1);
    expect(result.statements[0]).toMatch(
      /^ALTER TABLE .* MODIFY COLUMN `n` BIGINT, MODIFY COLUMN `f` DOUBLE/,
    );
    expect((await db.columns('psy_class')).map((c) => c.type)).toEqual([
      'bigint(20)',
      'double',
      'decimal(12,2)',
      'text',
      'datetime',
    ]);
    expect(again.statements).toEqual([]);
  });

  it('adds columns to a full table as TEXT, leaving its columns alone', async () => {
    // Prepare
    await sync({ table: 'school_info', columns: numbered(60) });

    // Act
    const result = await sync({ table: 'school_info', columns: numbered(70) });

    // Assess
    expect(result.added).toHaveLength(10);
    expect(result.statements[0]).not.toContain('MODIFY');
    const types = (await db.columns('school_info')).map((c) => c.type);
    expect(types.slice(0, 60).every((t) => t === 'varchar(255)')).toBe(true);
    expect(types.slice(60)).toContain('text');
  });

  it('keeps a column it cannot widen without losing its default, and says why', async () => {
    // Prepare
    await db.connection.query(`CREATE DATABASE \`${db.database}\``);
    await db.connection.query(
      `CREATE TABLE \`${db.database}\`.\`psy_target\` (id INT AUTO_INCREMENT PRIMARY KEY, code VARCHAR(10) NOT NULL DEFAULT 'x', note VARCHAR(10) NOT NULL)`,
    );

    // Act
    const result = await sync({
      table: 'psy_target',
      columns: [
        { name: 'id', type: 'bigint' },
        { name: 'code', type: 'string' },
        { name: 'note', type: 'string' },
      ],
    });

    // Assess
    expect(result.kept).toEqual([
      {
        column: 'id',
        reason:
          "catalog asks for BIGINT, wider than MySQL's INT, but the column is part of an index or key; not changed",
      },
      {
        column: 'code',
        reason:
          "catalog asks for VARCHAR(255), wider than MySQL's VARCHAR(10), but the column has a default value; not changed",
      },
    ]);
    expect(result.widened).toEqual([{ column: 'note', from: 'VARCHAR(10)', to: 'VARCHAR(255)' }]);
    expect(result.statements).toEqual([
      `ALTER TABLE \`${db.database}\`.\`psy_target\` MODIFY COLUMN \`note\` VARCHAR(255) NOT NULL, ALGORITHM=INSTANT`,
    ]);
  });

  it('creates exactly the hostile-named columns asked for, and nothing else', async () => {
    // Prepare
    const names = [
      'a`b',
      '`',
      "it's",
      '"quoted"',
      '; DROP TABLE victim; --',
      'x` INT); DROP TABLE victim; --',
      'order',
      'group',
      'key',
      '학교 코드',
      ' leading',
      'back\\slash',
    ];
    await db.connection.query(`CREATE DATABASE \`${db.database}\``);
    await db.connection.query(`CREATE TABLE \`${db.database}\`.victim (id INT)`);
    const table = "t`; DROP TABLE victim; -- '";

    // Act
    const first = await sync({ table, columns: strings(...names) });
    const second = await sync({ table, columns: strings(...names) });

    // Assess
    expect(first.created).toBe(true);
    expect((await db.columns(table)).map((c) => c.name)).toEqual(names);
    expect(await db.tables()).toEqual([table, 'victim'].sort());
    expect(second.statements).toEqual([]);
  });

  it.each([
    ['a name ending in a space', strings('ok', 'bad '), /column name "bad " ends with a space/],
    [
      'an unknown type',
      [{ name: 'blob_col', type: 'binary' }],
      /column "blob_col" has Glue type "binary"/,
    ],
    [
      'names MySQL sees as one',
      strings('Name', 'name'),
      /columns "Name" and "name" are the same name/,
    ],
    ['no columns', [], /no columns/],
  ])('refuses %s before running any statement', async (_case, columns, message) => {
    // Act
    const result = sync({ table: 't', columns });

    // Assess
    await expect(result).rejects.toThrow(RdsSchemaInvalid);
    await expect(result).rejects.toThrow(message);
    const [rows] = await db.connection.query('SHOW DATABASES LIKE ?', [db.database]);
    expect(rows).toEqual([]);
  });

  it('applies type-map overrides from config', async () => {
    // Act
    await sync({ table: 'overridden', columns: strings('a', 'b'), typeMap: { string: 'TEXT' } });

    // Assess
    expect((await db.columns('overridden')).map((c) => c.type)).toEqual(['text', 'text']);
  });

  it("refuses a table past InnoDB's in-page row limit before any statement", async () => {
    // Act
    const result = sync({ table: 'too_wide', columns: numbered(400) });

    // Assess
    const error = await result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RdsTableTooWide);
    expect(error).toMatchObject({ name: 'RdsTableTooWide' });
    expect((error as Error).message).toMatch(
      /^MySQL table too_wide would have 400 columns, past a limit: InnoDB keeps under 8126 bytes of a row in its page .* \(it can take 383 of the 400 catalog columns it does not have yet\)\. Mirror fewer columns with rds\.tables\.too_wide\.columns .* rds\.tables\.too_wide\.overflow: json$/,
    );
    const [rows] = await db.connection.query('SHOW DATABASES LIKE ?', [db.database]);
    expect(rows).toEqual([]);
  });
});

describe('syncTableDdl racing another run', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await openTestDatabase();
  });
  afterEach(async () => db?.drop());

  /** The real connection, with another run's statement slipped in before our first `prefix`. */
  function racing(prefix: string, otherRun: string): MysqlQueryable {
    let raced = false;
    const query = async (sql: string, values?: unknown[]) => {
      if (!raced && sql.startsWith(prefix)) {
        raced = true;
        await db.connection.query(otherRun);
      }
      return db.connection.query(sql, values);
    };
    // Only the (sql, values) form is used by syncTableDdl.
    return { query } as unknown as MysqlQueryable;
  }

  it('plans again when the table appeared between its read and its CREATE', async () => {
    // Prepare
    await db.connection.query(`CREATE DATABASE \`${db.database}\``);
    const connection = racing(
      'CREATE TABLE',
      `CREATE TABLE \`${db.database}\`.\`school_class\` (a VARCHAR(255))`,
    );

    // Act
    const result = await syncTableDdl(
      { database: db.database, table: 'school_class', columns: strings('a', 'b') },
      { connection },
    );

    // Assess
    expect(result).toMatchObject({ created: false, added: ['b'] });
    expect(result.statements.map((s) => s.split(' ')[0])).toEqual(['CREATE', 'ALTER']);
    expect((await db.columns('school_class')).map((c) => c.name)).toEqual(['a', 'b']);
  });

  it('plans again when another run added the same column first', async () => {
    // Prepare
    await syncTableDdl(
      { database: db.database, table: 'school_class', columns: strings('a') },
      { connection: db.connection },
    );
    const connection = racing(
      'ALTER TABLE',
      `ALTER TABLE \`${db.database}\`.\`school_class\` ADD COLUMN b VARCHAR(255)`,
    );

    // Act
    const result = await syncTableDdl(
      { database: db.database, table: 'school_class', columns: strings('a', 'b') },
      { connection },
    );

    // Assess
    expect(result).toMatchObject({ created: false, added: [], statements: [] });
    expect((await db.columns('school_class')).map((c) => c.name)).toEqual(['a', 'b']);
  });
});
