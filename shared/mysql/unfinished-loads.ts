import { LOADS_TABLE } from './load-record.js';
import { quoteQualified } from './quote-identifier.js';
import { type MysqlQueryable, selectRows } from './run-statement.js';
import { companionTableName } from './staging-table-name.js';

/**
 * A load of a table that began and has not finished: it is running, or it stopped after some
 * chunks (MySQL gone, a refusal such as RdsLoadShrinks) and its rows wait in a staging table
 * for the redrive that finishes it. Shown by `tables`, so a leftover staging table has a name
 * and a reason.
 */
export interface UnfinishedLoad {
  /** The filed file being loaded. */
  key: string;
  mode: 'replace' | 'append';
  /** `loading`: chunks going in; `staged`: every chunk in, the swap or copy not done. */
  state: 'loading' | 'staged';
  rows: number;
  chunks: number;
  /** When its last chunk committed (ISO). */
  at: string;
  /** `<table>__load_<hash>`, where its rows wait. */
  stagingTable: string;
  /** Whether that staging table is there now. */
  stagingExists: boolean;
}

/** The table's loads recorded in `_csv_catalog_loads` and not `loaded`, oldest first. */
export async function unfinishedLoads(
  connection: MysqlQueryable,
  database: string,
  table: string,
): Promise<UnfinishedLoad[]> {
  // No loads table: nothing was ever loaded into this database.
  if (!(await tableExists(connection, database, LOADS_TABLE))) return [];
  const rows = await selectRows(
    connection,
    `SELECT object_key, load_mode, key_hash, state, row_count, chunk_count, loaded_at FROM ${quoteQualified(database, LOADS_TABLE)} WHERE table_name = ? AND state <> 'loaded' ORDER BY loaded_at`,
    [table],
  );
  const loads: UnfinishedLoad[] = [];
  for (const row of rows) {
    // The staging table is named from the load's identity, which key_hash records.
    const stagingTable = companionTableName(table, 'load', String(row.key_hash));
    const at = row.loaded_at instanceof Date ? row.loaded_at : new Date(String(row.loaded_at));
    loads.push({
      key: String(row.object_key),
      mode: row.load_mode === 'append' ? 'append' : 'replace',
      state: row.state === 'staged' ? 'staged' : 'loading',
      rows: Number(row.row_count),
      chunks: Number(row.chunk_count),
      at: at.toISOString(),
      stagingTable,
      stagingExists: await tableExists(connection, database, stagingTable),
    });
  }
  return loads;
}

async function tableExists(
  connection: MysqlQueryable,
  database: string,
  table: string,
): Promise<boolean> {
  const rows = await selectRows(
    connection,
    'SELECT 1 AS found FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?',
    [database, table],
  );
  return rows.length > 0;
}
