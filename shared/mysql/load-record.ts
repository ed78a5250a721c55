import { createHash } from 'node:crypto';
import { quoteQualified } from './quote-identifier.js';
import { type MysqlQueryable, runStatement, selectRows } from './run-statement.js';

/** The table in each target database that records which files were loaded where. */
export const LOADS_TABLE = '_csv_catalog_loads';

/**
 * `loading`: chunks are going into the staging table; `staged`: every chunk is in, the
 * staging table waits for its swap (replace) or its copy (append); `loaded`: done.
 */
export type LoadState = 'loading' | 'staged' | 'loaded';

export interface LoadIdentity {
  database: string;
  table: string;
  key: string;
  snapshot: string;
  mode: 'replace' | 'append';
}

/** How far one load has come: committed together with each chunk's rows. */
export interface LoadProgress {
  state: LoadState;
  /** Where the next chunk starts (a record boundary). */
  offset: number;
  /** The file's line number at `offset`. */
  line: number;
  /** Rows committed so far. */
  rows: number;
  /** Chunks committed so far. */
  chunks: number;
  /** Longest value seen so far per field, by final catalog name, in characters. */
  longest: Map<string, number>;
}

export function freshProgress(): LoadProgress {
  return { state: 'loading', offset: 0, line: 1, rows: 0, chunks: 0, longest: new Map() };
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
      chunk_count INT NOT NULL,
      next_offset BIGINT NOT NULL,
      next_line BIGINT NOT NULL,
      longest_values MEDIUMTEXT NOT NULL COMMENT 'JSON: longest value per field, in characters',
      loaded_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (table_name, load_mode, key_hash)
    ) DEFAULT CHARSET = utf8mb4 COMMENT = 'csv-catalog: files loaded into this database, and how far'`,
  );
}

/** The recorded load of this file, if any; `forUpdate` locks the row inside a transaction. */
export async function findLoad(
  connection: MysqlQueryable,
  id: LoadIdentity,
  forUpdate = false,
): Promise<LoadProgress | undefined> {
  const rows = await selectRows(
    connection,
    `SELECT state, row_count, chunk_count, next_offset, next_line, longest_values FROM ${quoteQualified(id.database, LOADS_TABLE)} WHERE table_name = ? AND load_mode = ? AND key_hash = ?${forUpdate ? ' FOR UPDATE' : ''}`,
    [id.table, id.mode, keyHash(id)],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    state: row.state as LoadState,
    offset: Number(row.next_offset),
    line: Number(row.next_line),
    rows: Number(row.row_count),
    chunks: Number(row.chunk_count),
    longest: parseLongest(String(row.longest_values)),
  };
}

export async function saveLoad(
  connection: MysqlQueryable,
  id: LoadIdentity,
  progress: LoadProgress,
): Promise<void> {
  const longest = JSON.stringify(Object.fromEntries(progress.longest));
  await selectRows(
    connection,
    `INSERT INTO ${quoteQualified(id.database, LOADS_TABLE)} (table_name, load_mode, key_hash, object_key, snapshot, state, row_count, chunk_count, next_offset, next_line, longest_values) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE state = VALUES(state), row_count = VALUES(row_count), chunk_count = VALUES(chunk_count), next_offset = VALUES(next_offset), next_line = VALUES(next_line), longest_values = VALUES(longest_values), loaded_at = CURRENT_TIMESTAMP(3)`,
    [
      id.table,
      id.mode,
      keyHash(id),
      id.key,
      id.snapshot,
      progress.state,
      progress.rows,
      progress.chunks,
      progress.offset,
      progress.line,
      longest,
    ],
  );
}

/** Forgets a load that left nothing behind (a refused file, a changed source). */
export async function forgetLoad(connection: MysqlQueryable, id: LoadIdentity): Promise<void> {
  await selectRows(
    connection,
    `DELETE FROM ${quoteQualified(id.database, LOADS_TABLE)} WHERE table_name = ? AND load_mode = ? AND key_hash = ?`,
    [id.table, id.mode, keyHash(id)],
  );
}

/** One file's identity: the same key filed again under another snapshot is another load. */
export function loadIdentityHash(id: Pick<LoadIdentity, 'key' | 'snapshot'>): string {
  return createHash('sha256').update(`${id.snapshot}\0${id.key}`).digest('hex');
}

function keyHash(id: LoadIdentity): string {
  return loadIdentityHash(id);
}

/** The JSON object of lengths as a Map: names from the data never meet Object.prototype. */
function parseLongest(json: string): Map<string, number> {
  const parsed: unknown = JSON.parse(json || '{}');
  const longest = new Map<string, number>();
  if (parsed && typeof parsed === 'object') {
    for (const [name, chars] of Object.entries(parsed)) {
      if (typeof chars === 'number') longest.set(name, chars);
    }
  }
  return longest;
}
