import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RdsLockTimeout } from '../../shared/errors.js';
import type { CatalogColumn } from '../../shared/mysql/catalog-column.js';
import { type MysqlConnection, openMysql } from '../../shared/mysql/open-mysql.js';
import { syncTableDdl } from '../../shared/mysql/sync-table-ddl.js';
import { openTestDatabase, type TestDatabase, testMysqlSettings } from './test-database.js';

const strings = (...names: string[]): CatalogColumn[] =>
  names.map((name) => ({ name, type: 'string' }));

describe('syncTableDdl on a table another session holds', () => {
  let db: TestDatabase;
  let holder: MysqlConnection | undefined;
  beforeEach(async () => {
    db = await openTestDatabase();
  });
  afterEach(async () => {
    await holder?.end();
    holder = undefined;
    await db?.drop();
  });
  const sync = (input: Omit<Parameters<typeof syncTableDdl>[0], 'database'>) =>
    syncTableDdl({ database: db.database, ...input }, { connection: db.connection });

  /** Another session: BEGIN, read the table, keep the transaction open (its metadata lock held). */
  async function holdTable(table: string): Promise<MysqlConnection> {
    const session = await openMysql(testMysqlSettings());
    await session.query('START TRANSACTION');
    await session.query(`SELECT * FROM \`${db.database}\`.\`${table}\``);
    return session;
  }

  it('gives up after lockWaitSeconds with RdsLockTimeout naming the table and who holds it, then adds the column once released', async () => {
    // Prepare
    await sync({ table: '학교_정보', columns: strings('학교_코드') });
    holder = await holdTable('학교_정보');
    const started = Date.now();

    // Act
    const error = await sync({
      table: '학교_정보',
      columns: strings('학교_코드', '주소'),
      lockWaitSeconds: 1,
    }).catch((e: unknown) => e);
    const waited = Date.now() - started;
    await holder.query('COMMIT');
    const released = await sync({
      table: '학교_정보',
      columns: strings('학교_코드', '주소'),
      lockWaitSeconds: 1,
    });

    // Assess: failed fast, with the table and the holding session named
    expect(error).toBeInstanceOf(RdsLockTimeout);
    expect(error).toMatchObject({
      name: 'RdsLockTimeout',
      database: db.database,
      table: '학교_정보',
    });
    const message = (error as Error).message;
    expect(message).toContain(
      `MySQL table \`${db.database}\`.\`학교_정보\` is locked: ALTER TABLE waited 1 s`,
    );
    expect(message).toContain(`session ${holder.threadId} (`);
    expect(message).toContain(`KILL ${holder.threadId}`);
    expect(waited).toBeLessThan(5_000);
    // Assess: released, the column is added without copying the table
    expect(released.added).toEqual(['주소']);
    expect(released.statements).toEqual([
      `ALTER TABLE \`${db.database}\`.\`학교_정보\` ADD COLUMN \`주소\` VARCHAR(255) AFTER \`학교_코드\`, ALGORITHM=INSTANT`,
    ]);
    expect((await db.columns('학교_정보')).map((c) => c.name)).toEqual(['학교_코드', '주소']);
  });

  it('proceeds when the holder ends its transaction within lockWaitSeconds', async () => {
    // Prepare
    await sync({ table: 'member', columns: strings('id') });
    holder = await holdTable('member');
    const session = holder;
    setTimeout(() => void session.query('COMMIT'), 500);

    // Act
    const result = await sync({
      table: 'member',
      columns: strings('id', 'name'),
      lockWaitSeconds: 5,
    });

    // Assess
    expect(result.added).toEqual(['name']);
  });

  it('falls back from INSTANT and INPLACE to the copy a changed column type needs', async () => {
    // Prepare
    await sync({ table: 'memo', columns: strings('id', 'note') });
    const logged: string[] = [];
    const logger = {
      info: (message: unknown, ..._data: unknown[]) => {
        logged.push(String(message));
      },
    };

    // Act
    const result = await syncTableDdl(
      {
        database: db.database,
        table: 'memo',
        columns: strings('id', 'note'),
        sampleMaxLengths: { note: 300 },
      },
      { connection: db.connection, logger },
    );

    // Assess
    expect(result.widened).toEqual([{ column: 'note', from: 'VARCHAR(255)', to: 'TEXT' }]);
    expect(result.statements).toEqual([
      `ALTER TABLE \`${db.database}\`.\`memo\` MODIFY COLUMN \`note\` TEXT`,
    ]);
    const refusals = logged.filter((m) => m.startsWith('MySQL refused the ALTER algorithm'));
    expect(refusals).toHaveLength(2);
    expect((await db.columns('memo')).map((c) => c.type)).toEqual(['varchar(255)', 'text']);
  });
});
