import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RdsTableTooWide } from '../../shared/errors.js';
import type { CatalogColumn } from '../../shared/mysql/catalog-column.js';
import { createDatabaseStatement, tableStatement } from '../../shared/mysql/ddl-statements.js';
import { type CreatableType, parseMysqlType } from '../../shared/mysql/mysql-type.js';
import { runStatement } from '../../shared/mysql/run-statement.js';
import { syncTableDdl } from '../../shared/mysql/sync-table-ddl.js';
import { MAX_COLUMNS, tablePageBytes, widthExcess } from '../../shared/mysql/table-width.js';
import { openTestDatabase, type TestDatabase } from './test-database.js';

function t(sql: string): CreatableType {
  const type = parseMysqlType(sql);
  if (!type) throw new Error(`test type ${sql}`);
  return type;
}
const times = (n: number, sql: string) => Array.from({ length: n }, () => t(sql));
/** Korean column names, as headers from Korean tools give them. */
const koreanColumns = (n: number, type = 'string'): CatalogColumn[] =>
  Array.from({ length: n }, (_, i) => ({ name: `항목_${i + 1}`, type, comment: `항목 ${i + 1}` }));

describe("InnoDB's width limits against MariaDB", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
    await runStatement(db.connection, createDatabaseStatement(db.database));
  });
  afterAll(async () => db?.drop());

  // Pairs on either side of each limit: the model is right only if the server agrees on both.
  it.each([
    ['383 TEXT', times(383, 'TEXT')],
    ['384 TEXT', times(384, 'TEXT')],
    ['383 JSON', times(383, 'JSON')],
    ['384 JSON', times(384, 'JSON')],
    ['32 VARCHAR(63)', times(32, 'VARCHAR(63)')],
    ['33 VARCHAR(63)', times(33, 'VARCHAR(63)')],
    ['473 VARCHAR(4)', times(473, 'VARCHAR(4)')],
    ['474 VARCHAR(4)', times(474, 'VARCHAR(4)')],
    ['196 CHAR(10)', times(196, 'CHAR(10)')],
    ['197 CHAR(10)', times(197, 'CHAR(10)')],
    ['200 VARCHAR(64) + 477 BIGINT', [...times(200, 'VARCHAR(64)'), ...times(477, 'BIGINT')]],
    ['200 VARCHAR(64) + 478 BIGINT', [...times(200, 'VARCHAR(64)'), ...times(478, 'BIGINT')]],
    ['996 BIGINT + DOUBLE', [...times(996, 'BIGINT'), t('DOUBLE')]],
    ['996 BIGINT + VARCHAR(2)', [...times(996, 'BIGINT'), t('VARCHAR(2)')]],
    ['997 DATETIME(6)', times(997, 'DATETIME(6)')],
    ['998 DATETIME(6)', times(998, 'DATETIME(6)')],
    [
      '30 VARCHAR(255) + 300 TEXT + 10 VARCHAR(63)',
      [...times(30, 'VARCHAR(255)'), ...times(300, 'TEXT'), ...times(10, 'VARCHAR(63)')],
    ],
    ['1017 BOOLEAN', times(1017, 'BOOLEAN')],
    ['1018 BOOLEAN', times(1018, 'BOOLEAN')],
  ])('agrees with the server on %s', async (name, types) => {
    // Prepare
    const table = `w_${name.replace(/\W+/g, '_')}`.slice(0, 64);
    const action = {
      kind: 'create' as const,
      columns: types.map((type, i) => ({ name: `c${i}`, type })),
    };

    // Act
    const predicted = widthExcess(types) === undefined;
    const created = await runStatement(db.connection, tableStatement(db.database, table, action))
      .then(() => true)
      .catch((error: { code?: string; message?: string }) => {
        // MariaDB says "Too many columns" as errno 185 of ER_CANT_CREATE_TABLE.
        const tooMany =
          error.code === 'ER_CANT_CREATE_TABLE' && /Too many columns/.test(`${error.message}`);
        if (error.code === 'ER_TOO_BIG_ROWSIZE' || tooMany) return false;
        throw new Error(`${error.code}: ${error.message?.slice(0, 200)}`);
      });

    // Assess
    expect(predicted).toBe(created);
  });

  // The definition's 64 KB: long Korean names and comments fill it before the page does.
  const longKorean = (n: number, comment = '') =>
    Array.from({ length: n }, (_, i) => ({
      name: `${'가'.repeat(60)}${String(i).padStart(4, '0')}`,
      ...(comment ? { comment } : {}),
    }));
  it.each([
    ['322 TEXT, 64-character Korean names', longKorean(322)],
    ['323 TEXT, 64-character Korean names', longKorean(323)],
    ['170 TEXT, 100-syllable Korean comments', longKorean(170, '설'.repeat(100))],
    ['171 TEXT, 100-syllable Korean comments', longKorean(171, '설'.repeat(100))],
  ])('agrees with the server on %s', async (name, texts) => {
    // Prepare
    const types = times(texts.length, 'TEXT');
    const table = `d_${name.replace(/\W+/g, '_')}`.slice(0, 64);
    const action = {
      kind: 'create' as const,
      columns: texts.map((text, i) => ({ ...text, type: types[i]! })),
    };

    // Act
    const predicted = widthExcess(types, texts) === undefined;
    const created = await runStatement(db.connection, tableStatement(db.database, table, action))
      .then(() => true)
      .catch((error: { code?: string; message?: string }) => {
        if (error.code === 'ER_TOO_MANY_FIELDS') return false; // "Table definition is too large"
        throw new Error(`${error.code}: ${error.message?.slice(0, 200)}`);
      });

    // Assess
    expect(predicted).toBe(created);
  });

  it('counts 8,125 in-page bytes as the most a row may have', () => {
    // Act
    const most = tablePageBytes([...times(996, 'BIGINT'), t('DOUBLE')]);
    const tooMany = tablePageBytes([...times(996, 'BIGINT'), t('VARCHAR(2)')]);

    // Assess
    expect([most, tooMany]).toEqual([8125, 8126]);
  });
});

describe('syncTableDdl at the width limits', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await openTestDatabase();
  });
  afterEach(async () => db?.drop());
  const sync = (input: Omit<Parameters<typeof syncTableDdl>[0], 'database'>) =>
    syncTableDdl({ database: db.database, ...input }, { connection: db.connection });
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (e: unknown) => e,
    );
  const databaseExists = async () => {
    const [rows] = await db.connection.query('SHOW DATABASES LIKE ?', [db.database]);
    return (rows as unknown[]).length > 0;
  };

  it('creates the widest string table MySQL takes: 383 Korean-named columns', async () => {
    // Act
    const result = await sync({ table: '검사_결과', columns: koreanColumns(383) });

    // Assess
    expect(result.created).toBe(true);
    const columns = await db.columns('검사_결과');
    expect(columns).toHaveLength(383);
    expect(columns[382]).toEqual({ name: '항목_383', type: 'text' });
    expect((await db.comments('검사_결과'))[0]).toEqual({ name: '항목_1', comment: '항목 1' });
  });

  it('refuses one string column more up front, naming the file, the count, the limit and the ways out', async () => {
    // Act
    const error = await refusal(
      sync({
        table: '검사_결과',
        columns: koreanColumns(384),
        file: '검사_결과/검사_결과_202508291511.csv',
      }),
    );

    // Assess
    expect(error).toBeInstanceOf(RdsTableTooWide);
    expect(error).toMatchObject({ name: 'RdsTableTooWide' });
    const message = (error as Error).message;
    expect(message).toMatch(
      /^검사_결과\/검사_결과_202508291511\.csv: MySQL table 검사_결과 would have 384 columns/,
    );
    expect(message).toContain('InnoDB keeps under 8126 bytes of a row in its page');
    expect(message).toContain('it can take 383 of the 384 catalog columns');
    expect(message).toContain('rds.tables.검사_결과.columns');
    expect(message).toContain('rds.tables.검사_결과.overflow: json');
    expect(await databaseExists()).toBe(false);
  });

  it('refuses 1,018 narrow columns on the column limit', async () => {
    // Act
    const error = await refusal(
      sync({ table: 'flags', columns: koreanColumns(MAX_COLUMNS + 1, 'boolean') }),
    );

    // Assess
    expect(error).toBeInstanceOf(RdsTableTooWide);
    expect((error as Error).message).toContain(
      'would have 1018 columns, past a limit: InnoDB allows 1017 columns per table',
    );
    expect(await databaseExists()).toBe(false);
  });

  it('creates 1,017 narrow columns', async () => {
    // Act
    const result = await sync({ table: 'flags', columns: koreanColumns(MAX_COLUMNS, 'boolean') });

    // Assess
    expect(result.created).toBe(true);
    expect(await db.columns('flags')).toHaveLength(MAX_COLUMNS);
  });

  it('mirrors only the columns rds.tables.<t>.columns lists, in catalog order', async () => {
    // Prepare
    const catalog = koreanColumns(400);
    const listed = ['항목_400', ...catalog.slice(0, 99).map((c) => c.name), '없는_열'];

    // Act
    const result = await sync({
      table: '검사_결과',
      columns: catalog,
      mirror: { columns: listed },
    });
    const again = await sync({ table: '검사_결과', columns: catalog, mirror: { columns: listed } });

    // Assess
    expect(result.created).toBe(true);
    const names = (await db.columns('검사_결과')).map((c) => c.name);
    expect(names).toEqual([...catalog.slice(0, 99).map((c) => c.name), '항목_400']);
    expect(result.kept).toEqual([
      {
        column: '없는_열',
        reason: 'listed in rds.tables.검사_결과.columns but not in the catalog; not mirrored',
      },
    ]);
    expect(again.statements).toEqual([]);
  });

  it('keeps the columns past the limit in one JSON column with overflow: json', async () => {
    // Act
    const result = await sync({
      table: '검사_결과',
      columns: koreanColumns(384),
      mirror: { overflow: 'json' },
    });

    // Assess: 382 columns and the JSON column fill the page; its comment names the rest
    expect(result.created).toBe(true);
    expect(result.overflow).toEqual({ column: '_overflow', columns: ['항목_383', '항목_384'] });
    const columns = await db.columns('검사_결과');
    expect(columns).toHaveLength(383);
    expect(columns.at(-1)).toEqual({ name: '_overflow', type: 'longtext' });
    expect((await db.comments('검사_결과')).at(-1)?.comment).toBe(
      'csv-catalog: catalog columns past MySQL\'s width limits, as one JSON object by name: ["항목_383","항목_384"]',
    );
  });

  it('refuses long Korean names past the definition limit up front, and overflows them', async () => {
    // Prepare: 400 columns of 64-character Korean names, narrow enough for the page
    const columns: CatalogColumn[] = Array.from({ length: 400 }, (_, i) => ({
      name: `${'가'.repeat(60)}${String(i).padStart(4, '0')}`,
      type: 'string',
    }));

    // Act
    const refused = await refusal(sync({ table: '긴_이름', columns, typeMap: { string: 'TEXT' } }));
    const result = await sync({
      table: '긴_이름',
      columns,
      typeMap: { string: 'TEXT' },
      mirror: { overflow: 'json' },
    });

    // Assess
    expect(refused).toBeInstanceOf(RdsTableTooWide);
    expect(String(refused)).toMatch(/column names and comments in under 64 KB/);
    expect(result.created).toBe(true);
    expect((await db.columns('긴_이름')).length).toBeLessThan(323);
    expect(result.overflow?.columns.length).toBeGreaterThan(78);
  });

  it("puts a later snapshot's new columns in the overflow, adding and dropping nothing", async () => {
    // Prepare
    const mirror = { overflow: 'json' } as const;
    await sync({ table: '검사_결과', columns: koreanColumns(384), mirror });

    // Act
    const later = await sync({ table: '검사_결과', columns: koreanColumns(390), mirror });
    const again = await sync({ table: '검사_결과', columns: koreanColumns(390), mirror });

    // Assess
    expect(later.added).toEqual([]);
    expect(later.overflow?.columns).toEqual(Array.from({ length: 8 }, (_, i) => `항목_${383 + i}`));
    expect(later.statements).toHaveLength(1);
    expect(later.statements[0]).toMatch(
      /^ALTER TABLE .* MODIFY COLUMN `_overflow` JSON COMMENT .*, ALGORITHM=INSTANT$/,
    );
    expect(await db.columns('검사_결과')).toHaveLength(383);
    expect((await db.comments('검사_결과')).at(-1)?.comment).toContain('"항목_389","항목_390"]');
    expect(again.statements).toEqual([]);
    // Still JSON: MariaDB's json_valid check survived the comment change.
    const invalid = db.connection.query(
      `INSERT INTO \`${db.database}\`.\`검사_결과\` (\`_overflow\`) VALUES ('not json')`,
    );
    await expect(invalid).rejects.toThrow(/CONSTRAINT .*_overflow.* failed/);
  });

  it('adds what fits to an existing table and overflows the rest; refuses without overflow', async () => {
    // Prepare
    await sync({ table: '검사_결과', columns: koreanColumns(380) });

    // Act
    const refused = await refusal(sync({ table: '검사_결과', columns: koreanColumns(386) }));
    const overflowed = await sync({
      table: '검사_결과',
      columns: koreanColumns(386),
      mirror: { overflow: 'json' },
    });

    // Assess
    expect(refused).toBeInstanceOf(RdsTableTooWide);
    expect((refused as Error).message).toContain(
      'would have 386 columns, past a limit: InnoDB keeps under 8126 bytes',
    );
    expect((refused as Error).message).toContain('it can take 3 of the 6 catalog columns');
    expect(overflowed.added).toEqual(['항목_381', '항목_382', '_overflow']);
    expect(overflowed.overflow?.columns).toEqual(['항목_383', '항목_384', '항목_385', '항목_386']);
    const names = (await db.columns('검사_결과')).map((c) => c.name);
    expect(names).toHaveLength(383);
    expect(names.slice(-3)).toEqual(['항목_381', '항목_382', '_overflow']);
  });
});
