import type { MysqlSettings } from '../../shared/mysql/mysql-settings.js';
import { openMysql } from '../../shared/mysql/open-mysql.js';
import { selectRows } from '../../shared/mysql/run-statement.js';

export interface MysqlTableView {
  columns: { name: string; type: string }[];
}

/** The MySQL database's tables and column types, in column order. */
export async function mysqlTables(
  settings: MysqlSettings,
): Promise<Record<string, MysqlTableView>> {
  const connection = await openMysql(settings);
  try {
    const rows = await selectRows(
      connection,
      `SELECT TABLE_NAME AS t, COLUMN_NAME AS c, COLUMN_TYPE AS type
         FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ?
        ORDER BY TABLE_NAME, ORDINAL_POSITION`,
      [settings.database],
    );
    const tables: Record<string, MysqlTableView> = {};
    for (const row of rows) {
      const table = String(row.t);
      tables[table] ??= { columns: [] };
      tables[table].columns.push({ name: String(row.c), type: String(row.type).toUpperCase() });
    }
    return tables;
  } finally {
    await connection.end();
  }
}
