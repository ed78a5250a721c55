import { randomBytes } from 'node:crypto';
import type { RowDataPacket } from 'mysql2/promise';
import { LOCAL_MYSQL_URL, mysqlSettingsFromUrl } from '../../shared/mysql/mysql-settings.js';
import { type MysqlConnection, openMysql } from '../../shared/mysql/open-mysql.js';

/** A connection to the test MySQL and a throwaway database name, dropped by `drop()`. */
export interface TestDatabase {
  connection: MysqlConnection;
  database: string;
  columns(table: string): Promise<{ name: string; type: string }[]>;
  /** Each column's name and COMMENT ('' for none), in column order. */
  comments(table: string): Promise<{ name: string; comment: string }[]>;
  tables(): Promise<string[]>;
  drop(): Promise<void>;
}

export function testMysqlSettings() {
  return mysqlSettingsFromUrl(process.env.MYSQL_URL || LOCAL_MYSQL_URL);
}

export async function openTestDatabase(): Promise<TestDatabase> {
  const connection = await openMysql(testMysqlSettings());
  const database = `csv_catalog_test_${randomBytes(5).toString('hex')}`;
  return {
    connection,
    database,
    async columns(table) {
      const [rows] = await connection.query<RowDataPacket[]>(
        'SELECT COLUMN_NAME AS name, COLUMN_TYPE AS type FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION',
        [database, table],
      );
      return rows.map((r) => ({ name: String(r.name), type: String(r.type) }));
    },
    async comments(table) {
      const [rows] = await connection.query<RowDataPacket[]>(
        'SELECT COLUMN_NAME AS name, COLUMN_COMMENT AS comment FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION',
        [database, table],
      );
      return rows.map((r) => ({ name: String(r.name), comment: String(r.comment) }));
    },
    async tables() {
      const [rows] = await connection.query<RowDataPacket[]>(
        'SELECT TABLE_NAME AS name FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME',
        [database],
      );
      return rows.map((r) => String(r.name));
    },
    async drop() {
      await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await connection.end();
    },
  };
}
