import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqlFileName } from '../../local/stack/ddl-out-lambda.js';
import { mysqlTables } from '../../local/stack/inspect-mysql.js';
import { makeMysqlSettings } from '../../shared/mysql/mysql-settings.js';
import { syncTableDdl } from '../../shared/mysql/sync-table-ddl.js';
import { openTestDatabase, type TestDatabase, testMysqlSettings } from './test-database.js';

describe('mysqlTables', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await openTestDatabase();
  });
  afterEach(async () => db?.drop());

  it('lists tables named like Object.prototype properties, and Korean ones, with comments', async () => {
    // Prepare
    for (const table of ['constructor', '__proto__', 'toString', '학교목록']) {
      await syncTableDdl(
        {
          database: db.database,
          table,
          columns: [
            { name: '학번', type: 'string' },
            { name: 'member_no', type: 'bigint', comment: 'Member No' },
          ],
        },
        { connection: db.connection },
      );
    }

    // Act
    const tables = await mysqlTables(
      makeMysqlSettings({ ...testMysqlSettings(), database: db.database }),
    );

    // Assess
    const columns = [
      { name: '학번', type: 'VARCHAR(255)' },
      { name: 'member_no', type: 'BIGINT(20)', comment: 'Member No' },
    ];
    expect(Object.keys(tables).sort()).toEqual([
      '__proto__',
      'constructor',
      'toString',
      '학교목록',
    ]);
    expect(Object.hasOwn(tables, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(tables)).toBe(Object.prototype);
    for (const table of Object.values(tables)) expect(table).toEqual({ columns });
  });
});

describe('sqlFileName', () => {
  it.each([
    ['학교목록', '학교목록.sql'],
    ['constructor', 'constructor.sql'],
    ['a/b', 'a_b.sql'],
    ['..', '_...sql'],
    ['a\\b', 'a_b.sql'],
  ])('saves the DDL of %j as %j', (table, file) => {
    // Act
    const name = sqlFileName(table);

    // Assess
    expect(name).toBe(file);
  });
});
