import { createHash } from 'node:crypto';
import { quoteQualified } from './quote-identifier.js';
import { type MysqlQueryable, runStatement, selectRows } from './run-statement.js';

/** The table in each target database that records which files were loaded where. */
export const LOADS_TABLE = '_csv_catalog_loads';

/** `staged`: a replace loaded the staging table but has not swapped it in yet. */
export type LoadState = 'staged' | 'loaded';

export interface LoadIdentity {
  database: string;
  table: string;
  key: string;
  snapshot: string;
  mode: 'replace' | 'append';
}

export async function createLoadsTable(connection: MysqlQueryable, database: string) {
  // The key is hashed into the primary key: an S3 key takes up to 1,024 bytes, more than an
  // InnoDB index holds in utf8mb4.
  await runStatement(
    connection,
    `CREATE TABLE IF NOT EXISTS ${quoteQualified(database, LOADS_TABLE)} (
      table_name VARCHAR(64) NOT NULL,
      load_mode VARCHAR(16) NOT NULL,
      key_hash CHAR(64) NOT NULL,
      object_key TEXT NOT NULL,
      snapshot VARCHAR(255) NOT NULL,
      state VARCHAR(16) NOT NULL,
      row_count BIGINT NOT NULL,
      loaded_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (table_name, load_mode, key_hash)
    ) DEFAULT CHARSET = utf8mb4 COMMENT = 'csv-catalog: files loaded into this database'`,
  );
}

/** The recorded load of this file, if any; `forUpdate` locks the row inside a transaction. */
export async function findLoad(
  connection: MysqlQueryable,
  id: LoadIdentity,
  forUpdate = false,
): Promise<{ state: LoadState; rows: number } | undefined> {
  const rows = await selectRows(
    connection,
    `SELECT state, row_count FROM ${quoteQualified(id.database, LOADS_TABLE)} WHERE table_name = ? AND load_mode = ? AND key_hash = ?${forUpdate ? ' FOR UPDATE' : ''}`,
    [id.table, id.mode, keyHash(id)],
  );
  const row = rows[0];
  return row ? { state: row.state as LoadState, rows: Number(row.row_count) } : undefined;
}

export async function recordLoad(
  connection: MysqlQueryable,
  id: LoadIdentity,
  state: LoadState,
  rows: number,
): Promise<void> {
  await selectRows(
    connection,
    `INSERT INTO ${quoteQualified(id.database, LOADS_TABLE)} (table_name, load_mode, key_hash, object_key, snapshot, state, row_count) VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE state = VALUES(state), row_count = VALUES(row_count), loaded_at = CURRENT_TIMESTAMP(3)`,
    [id.table, id.mode, keyHash(id), id.key, id.snapshot, state, rows],
  );
}

/** One file's identity: the same key filed again under another snapshot is another load. */
function keyHash(id: LoadIdentity): string {
  return createHash('sha256').update(`${id.snapshot}\0${id.key}`).digest('hex');
}
