import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RdsSchemaInvalid } from '../../shared/errors.js';
import type { CatalogColumn } from '../../shared/mysql/catalog-column.js';
import { desiredColumns } from '../../shared/mysql/desired-columns.js';
import { mysqlTypeForColumn } from '../../shared/mysql/glue-type-map.js';
import { parseMysqlType } from '../../shared/mysql/mysql-type.js';
import { syncTableDdl } from '../../shared/mysql/sync-table-ddl.js';
import { openTestDatabase, type TestDatabase } from './test-database.js';

/** Names JavaScript objects already have: a plain-object lookup by them finds Object.prototype. */
const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

describe('lookups keyed by names from the data', () => {
  it('finds no sampled length for a column named after an Object.prototype property', () => {
    // Prepare
    const columns = PROTOTYPE_NAMES.map((name) => ({ name, type: 'string' }));

    // Act
    const desired = desiredColumns(columns, {});

    // Assess
    expect(desired.map((d) => d.sampleMaxLength)).toEqual(PROTOTYPE_NAMES.map(() => undefined));
  });

  it('finds the sampled length a column named __proto__ or constructor has as its own key', () => {
    // Prepare: JSON.parse makes `__proto__` an own key, as the execution input does.
    const lengths = JSON.parse('{"__proto__": 300, "CONSTRUCTOR": 12}') as Record<string, number>;

    // Act
    const desired = desiredColumns(
      [
        { name: '__proto__', type: 'string' },
        { name: 'constructor', type: 'string' },
      ],
      lengths,
    );

    // Assess
    expect(desired.map((d) => d.sampleMaxLength)).toEqual([300, 12]);
  });

  it.each(PROTOTYPE_NAMES)('knows no Glue or MySQL type named %s', (name) => {
    // Act
    const glue = () => mysqlTypeForColumn({ name: 'c', type: name });
    const mysql = parseMysqlType(name);

    // Assess
    expect(glue).toThrow(/has no MySQL mapping/);
    expect(mysql).toBeUndefined();
  });
});

describe('syncTableDdl with Unicode and hostile names', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await openTestDatabase();
  });
  afterEach(async () => db?.drop());

  it('creates Korean, JavaScript-property, keyword, backtick and 64-character names as asked', async () => {
    // Prepare
    const names = [
      '학번',
      ...PROTOTYPE_NAMES,
      'select',
      'order',
      'key',
      'a`b',
      '``',
      '가'.repeat(64),
      `x${'y'.repeat(63)}`,
    ];
    const columns: CatalogColumn[] = names.map((name) => ({ name, type: 'string' }));
    const lengths = JSON.parse('{"__proto__": 300, "constructor": 20}') as Record<string, number>;

    // Act
    const first = await syncTableDdl(
      { database: db.database, table: '학교목록', columns, sampleMaxLengths: lengths },
      { connection: db.connection },
    );
    const second = await syncTableDdl(
      { database: db.database, table: '학교목록', columns, sampleMaxLengths: lengths },
      { connection: db.connection },
    );

    // Assess
    expect(first.created).toBe(true);
    const created = await db.columns('학교목록');
    expect(created.map((c) => c.name)).toEqual(names);
    expect(created.find((c) => c.name === '__proto__')?.type).toBe('text');
    expect(created.filter((c) => c.type !== 'varchar(255)').map((c) => c.name)).toEqual([
      '__proto__',
    ]);
    expect(second.statements).toEqual([]);
  });

  it.each(['constructor', '__proto__', 'toString', 'select', '`'])(
    'creates, then extends, a table named %s',
    async (table) => {
      // Prepare
      const sync = (names: string[]) =>
        syncTableDdl(
          {
            database: db.database,
            table,
            columns: names.map((name) => ({ name, type: 'string', comment: name.toUpperCase() })),
          },
          { connection: db.connection },
        );
      await sync(['id']);

      // Act
      const result = await sync(['id', 'constructor']);

      // Assess
      expect(result).toMatchObject({ added: ['constructor'], kept: [] });
      expect(await db.tables()).toEqual([table]);
      expect(await db.comments(table)).toEqual([
        { name: 'id', comment: 'ID' },
        { name: 'constructor', comment: 'CONSTRUCTOR' },
      ]);
    },
  );

  it('creates a table of 50 Korean characters and refuses one of 51 before any statement', async () => {
    // Prepare
    const columns = [{ name: '학번', type: 'string' }];
    const sync = (table: string) =>
      syncTableDdl({ database: db.database, table, columns }, { connection: db.connection });

    // Act
    const fits = await sync('학'.repeat(50));
    const tooLong = sync('학'.repeat(51));

    // Assess
    expect(fits.created).toBe(true);
    await expect(tooLong).rejects.toThrow(RdsSchemaInvalid);
    expect(await db.tables()).toEqual(['학'.repeat(50)]);
  });
});
