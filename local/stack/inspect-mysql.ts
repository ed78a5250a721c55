import { recordOf } from '../../shared/config/own-entry.js';
import type { MysqlSettings } from '../../shared/mysql/mysql-settings.js';
import { openMysql } from '../../shared/mysql/open-mysql.js';
import { selectRows } from '../../shared/mysql/run-statement.js';

export interface MysqlTableView {
  /** In column order; `comment` only where the column has one (the header cell as written). */
  columns: { name: string; type: string; comment?: string }[];
}

/** The MySQL database's tables and column types, in column order. */
export async function mysqlTables(
  settings: MysqlSettings,
): Promise<Record<string, MysqlTableView>> {
  const connection = await openMysql(settings);
  try {
    const rows = await selectRows(
      connection,
      `SELECT TABLE_NAME AS t, COLUMN_NAME AS c, COLUMN_TYPE AS type, COLUMN_COMMENT AS comment
         FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ?
        ORDER BY TABLE_NAME, ORDINAL_POSITION`,
      [settings.database],
    );
    // A Map: tables named `constructor` or `__proto__` are tables like any other.
    const tables = new Map<string, MysqlTableView>();
    for (const row of rows) {
      const table = String(row.t);
      const view = tables.get(table) ?? { columns: [] };
      tables.set(table, view);
      const column: MysqlTableView['columns'][number] = {
        name: String(row.c),
        type: String(row.type).toUpperCase(),
      };
      if (row.comment) column.comment = String(row.comment);
      view.columns.push(column);
    }
    return recordOf(tables);
  } finally {
    await connection.end();
  }
}
