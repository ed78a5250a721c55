import {
  RdsLoadMismatch,
  RdsLoadRejected,
  RdsLoadShrinks,
  RdsLoadSourceChanged,
  RdsSchemaInvalid,
  RdsStatementFailed,
  RdsTableTooWide,
} from '../errors.js';
import type { ObjectStore } from '../filing/object-store.js';
import type { CatalogColumn, TypeMapOverrides } from './catalog-column.js';
import { mapFields } from './load-field-map.js';
import { withLoadLock } from './load-lock.js';
import type { CatalogDefinition, LoadPlan } from './load-plan.js';
import {
  createLoadsTable,
  findLoad,
  forgetLoad,
  freshProgress,
  type LoadIdentity,
  type LoadProgress,
  loadIdentityHash,
  saveLoad,
} from './load-record.js';
import {
  type ChunkRange,
  checkedRows,
  loadChunkInto,
  readFrom,
  sourceChanged,
} from './load-stream.js';
import { mergeLongest, narrowColumns, widen } from './load-widen.js';
import {
  DEFAULT_LOCK_WAIT_SECONDS,
  isLockTimeout,
  lockTimeoutError,
  setLockWait,
} from './lock-wait.js';
import { quoteIdentifier, quoteQualified } from './quote-identifier.js';
import { type MysqlQueryable, runStatement, selectRows } from './run-statement.js';
import { companionTableName } from './staging-table-name.js';
import type { MirrorSettings } from './sync-table-ddl.js';

export type { CatalogDefinition } from './load-plan.js';

export interface LoadRowsRequest {
  database: string;
  table: string;
  /** The filed object: UTF-8, header line first. */
  key: string;
  /** The load's identity with `key`: the filed object's ETag. */
  snapshot: string;
  /** Every read is If-Match this ETag (S3's 412 becomes RdsLoadSourceChanged). */
  eTag?: string;
  delimiter: string;
  quote: string;
  mode: 'replace' | 'append';
  emptyAs: 'null' | 'empty';
  /** A replace may shrink the table by at most this share (0.5: to half its rows). */
  maxShrink: number;
  /** Final catalog name of each field of the file, in file order. */
  fields: readonly string[];
  /** Where this invocation starts: 0 (default) or an earlier result's offset. */
  offset?: number;
  /** At most this many bytes per invocation (ending on the next record end); default: all. */
  chunkBytes?: number;
  /** The file's line break; read from the file's first line when not given. */
  lineBreak?: '\n' | '\r\n';
  lockWaitSeconds?: number;
  /**
   * The catalog table SyncRdsDdl planned from: with it, a column too narrow for a value of the
   * file is widened through the same planner before the rows become visible. Without it, such
   * a value fails the load (RdsLoadMismatch naming the truncation).
   */
  catalog?: { columns: CatalogColumn[]; typeMap?: TypeMapOverrides; mirror?: MirrorSettings };
}

export interface LoadRowsClients {
  connection: MysqlQueryable;
  store: ObjectStore;
}

export interface LoadRowsResult {
  mode: 'replace' | 'append';
  /** false: call again with `offset`. */
  done: boolean;
  /** The next invocation's start (the file's size when done). */
  offset: number;
  /** Chunks committed so far for this load (from the record: a redrive continues counting). */
  chunks: number;
  /** done: rows of the new table (replace) / rows added (append); else rows committed so far. */
  rows: number;
  /** The load was done before (the same key and snapshot): nothing changed. */
  alreadyLoaded: boolean;
  /** Work an earlier invocation committed was picked up (a redrive, or the shrink guard's stage). */
  resumed: boolean;
  /** Columns widened in this call for values longer than the DDL's sample had seen. */
  widened: string[];
}

/**
 * Loads a filed CSV into its MySQL table at the server's speed: the object is streamed from
 * the store into `LOAD DATA LOCAL INFILE` in strict mode, fields mapped by name, records
 * counted on the way and checked against the rows MySQL loaded.
 *
 * `replace` loads a staging table of its own (chunk by chunk with `chunkBytes`, each chunk
 * committed with its progress in `_csv_catalog_loads`) and swaps it in with one RENAME TABLE
 * behind a shrink guard. `append` of a file that fits one call is one transaction straight into
 * the live table; a larger one is staged chunk by chunk like a replace, then copied into the
 * live table in one transaction. The record, not the caller's offset, says where a load
 * stands: a redrive resumes at the last committed chunk and a replay never loads twice.
 *
 * Every value is measured on the way: where a column is too narrow (the DDL saw a 64 KiB
 * sample) and the catalog is given, it is widened and the chunk loaded again, before any row
 * is visible.
 */
export async function loadRows(
  request: LoadRowsRequest,
  clients: LoadRowsClients,
): Promise<LoadRowsResult> {
  assertRequest(request);
  const { connection } = clients;
  const { database, table, key, snapshot, mode } = request;
  const id: LoadIdentity = { database, table, key, snapshot, mode };
  const lockWaitSeconds = request.lockWaitSeconds ?? DEFAULT_LOCK_WAIT_SECONDS;
  // A value that does not fit is an error, not a warning and a cut value
  // (https://dev.mysql.com/doc/refman/8.0/en/sql-mode.html#sql-mode-strict). LOAD DATA LOCAL
  // still only warns (checkedRows), so warnings are failures too.
  await runStatement(connection, "SET SESSION sql_mode = CONCAT(@@sql_mode, ',STRICT_ALL_TABLES')");
  await setLockWait(connection, lockWaitSeconds);
  await createLoadsTable(connection, database);
  const found = await findLoad(connection, id);
  // A replace called again from byte 0 (a `sync`, or a one-chunk load whose answer was lost)
  // loads the file again: the same rows, and a table changed by hand meanwhile is restored.
  // Past byte 0 it is a retried later chunk of a load that finished: nothing to redo. An append
  // is never redone (it would double the rows).
  const redo = found?.state === 'loaded' && mode === 'replace' && (request.offset ?? 0) === 0;
  const record = redo ? undefined : found;
  if (record?.state === 'loaded') {
    return resultOf(mode, record, { alreadyLoaded: true, resumed: false, widened: [] });
  }
  const name = loadIdentityHash(id);
  const stage = companionTableName(table, 'load', name);
  try {
    const size = await objectSize(clients.store, request);
    const columns = await tableColumns(connection, database, table);
    const plan: LoadPlan = {
      id,
      database,
      table,
      key,
      eTag: request.eTag,
      delimiter: request.delimiter,
      quote: request.quote,
      lineBreak: request.lineBreak ?? (await readLineBreak(clients.store, request)),
      emptyAs: request.emptyAs,
      maxShrink: request.maxShrink,
      lockWaitSeconds,
      fields: request.fields,
      targets: mapFields({ ...request, columns }),
      size,
      chunkBytes: request.chunkBytes ?? Number.POSITIVE_INFINITY,
      catalog: request.catalog as CatalogDefinition | undefined,
      stage,
      old: companionTableName(table, 'old', name),
    };
    const continuing = record !== undefined && (record.state === 'staged' || record.offset > 0);
    const offset = request.offset ?? 0;
    const fitsOneCall =
      request.chunkBytes === undefined || (offset === 0 && size <= request.chunkBytes);
    if (mode === 'append' && !continuing && fitsOneCall) {
      if (record) await dropTable(connection, database, stage);
      return await appendAtOnce(plan, clients);
    }
    return await loadStaged(plan, record, offset, clients);
  } catch (error) {
    if (error instanceof RdsLoadSourceChanged) {
      // The bytes staged so far belong to a file that is gone: nothing of them is kept.
      await dropTable(connection, database, stage).catch(() => {});
      await forgetLoad(connection, id).catch(() => {});
    }
    throw error;
  }
}

/** One transaction straight into the live table, recorded so that a replay adds nothing. */
async function appendAtOnce(plan: LoadPlan, clients: LoadRowsClients): Promise<LoadRowsResult> {
  const { connection } = clients;
  const range: ChunkRange = { start: 0, line: 1, limit: Number.POSITIVE_INFINITY };
  await runStatement(connection, 'START TRANSACTION');
  try {
    const done = await findLoad(connection, plan.id, true);
    if (done?.state === 'loaded') {
      await runStatement(connection, 'ROLLBACK');
      return resultOf('append', done, { alreadyLoaded: true, resumed: false, widened: [] });
    }
    let loaded = await loadChunkInto(plan.table, plan, clients, range);
    const widened = await narrowColumns(connection, plan, plan.table, loaded.longest);
    if (widened.length > 0 && plan.catalog) {
      // The cut rows go with the transaction; the ALTER is DDL and must run outside it.
      await runStatement(connection, 'ROLLBACK');
      await widen(connection, plan, plan.table, loaded.longest);
      await runStatement(connection, 'START TRANSACTION');
      const meanwhile = await findLoad(connection, plan.id, true);
      if (meanwhile?.state === 'loaded') {
        await runStatement(connection, 'ROLLBACK');
        return resultOf('append', meanwhile, { alreadyLoaded: true, resumed: false, widened });
      }
      loaded = await loadChunkInto(plan.table, plan, clients, range);
    }
    const rows = checkedRows(loaded, plan, range);
    const progress: LoadProgress = {
      state: 'loaded',
      offset: plan.size,
      line: loaded.counted.nextLine,
      rows,
      chunks: 1,
      longest: loaded.longest,
    };
    await saveLoad(connection, plan.id, progress);
    await runStatement(connection, 'COMMIT');
    return resultOf('append', progress, { alreadyLoaded: false, resumed: false, widened });
  } catch (error) {
    await connection.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/**
 * Loads the next chunk into the load's staging table (created on the first call), and once
 * the last chunk is in, makes the rows live: the swap (replace) or the copy (append).
 */
async function loadStaged(
  plan: LoadPlan,
  record: LoadProgress | undefined,
  requestOffset: number,
  clients: LoadRowsClients,
): Promise<LoadRowsResult> {
  const { connection } = clients;
  let progress: LoadProgress;
  let resumed = false;
  if (record && (await tableExists(connection, plan.database, plan.stage))) {
    progress = record;
    resumed = record.state === 'staged' || record.offset !== requestOffset;
  } else {
    progress = await startStage(plan, connection);
  }
  let widened: string[] = [];
  if (progress.state === 'loading') {
    const range = { start: progress.offset, line: progress.line, limit: plan.chunkBytes };
    try {
      ({ progress, widened } = await loadChunk(plan, range, clients));
    } catch (error) {
      if (isRefusal(error) && progress.chunks === 0) await abandon(plan, connection);
      throw error;
    }
    if (progress.state === 'loading') {
      return resultOf(plan.id.mode, progress, { alreadyLoaded: false, resumed, widened });
    }
    if (progress.state === 'loaded') {
      return resultOf(plan.id.mode, progress, { alreadyLoaded: true, resumed, widened });
    }
  }
  const flags = { resumed, widened };
  return plan.id.mode === 'replace'
    ? swapStaged(plan, progress, flags, connection)
    : appendStaged(plan, progress, flags, connection);
}

/** An empty staging table shaped like the live table, and a fresh record of the load. */
async function startStage(plan: LoadPlan, connection: MysqlQueryable): Promise<LoadProgress> {
  const { database, table, stage } = plan;
  await dropTable(connection, database, stage);
  await runStatement(
    connection,
    `CREATE TABLE ${quoteQualified(database, stage)} LIKE ${quoteQualified(database, table)}`,
  );
  const progress = freshProgress();
  await saveLoad(connection, plan.id, progress);
  return progress;
}

/**
 * One chunk into the staging table and its progress into the record, in one transaction: a
 * redrive finds either both or neither. Where a value did not fit, the chunk is rolled back,
 * the staging table widened and the chunk loaded again. The record is locked first: another
 * invocation of the same load that got there before is taken at its word.
 */
async function loadChunk(
  plan: LoadPlan,
  range: ChunkRange,
  clients: LoadRowsClients,
): Promise<{ progress: LoadProgress; widened: string[] }> {
  const { connection } = clients;
  const widened: string[] = [];
  for (let attempt = 0; ; attempt++) {
    await runStatement(connection, 'START TRANSACTION');
    try {
      const current = await findLoad(connection, plan.id, true);
      if (current?.state !== 'loading' || current.offset !== range.start) {
        await runStatement(connection, 'ROLLBACK');
        if (!current) throw new Error(`${plan.key}: the record of its load disappeared meanwhile`);
        return { progress: current, widened };
      }
      const loaded = await loadChunkInto(plan.stage, plan, clients, range);
      const longest = mergeLongest(current.longest, loaded.longest);
      const narrow = await narrowColumns(connection, plan, plan.stage, loaded.longest);
      if (narrow.length > 0 && plan.catalog && attempt === 0) {
        // The chunk's rows go with the transaction; the ALTER is DDL and must run outside it.
        await runStatement(connection, 'ROLLBACK');
        await widen(connection, plan, plan.stage, longest);
        widened.push(...narrow);
        continue;
      }
      const rows = checkedRows(loaded, plan, range);
      const offset = range.start + loaded.counted.consumed;
      const progress: LoadProgress = {
        state: offset >= plan.size ? 'staged' : 'loading',
        offset,
        line: loaded.counted.nextLine,
        rows: current.rows + rows,
        chunks: current.chunks + 1,
        longest,
      };
      await saveLoad(connection, plan.id, progress);
      await runStatement(connection, 'COMMIT');
      return { progress, widened };
    } catch (error) {
      await connection.query('ROLLBACK').catch(() => {});
      throw error;
    }
  }
}

/**
 * Behind the table's load lock: the shrink guard, then live → old and stage → live in one
 * RENAME (readers see the old rows or the new), then the old table dropped.
 */
async function swapStaged(
  plan: LoadPlan,
  staged: LoadProgress,
  flags: { resumed: boolean; widened: string[] },
  connection: MysqlQueryable,
): Promise<LoadRowsResult> {
  const { database, table, stage, old } = plan;
  await withLoadLock(connection, { database, table, seconds: plan.lockWaitSeconds }, async () => {
    await guardShrink(connection, plan, staged.rows);
    await dropTable(connection, database, old);
    try {
      await runStatement(
        connection,
        `RENAME TABLE ${quoteQualified(database, table)} TO ${quoteQualified(database, old)}, ${quoteQualified(database, stage)} TO ${quoteQualified(database, table)}`,
      );
    } catch (error) {
      if (!isLockTimeout(error)) throw error;
      throw await lockTimeoutError(connection, database, table, plan.lockWaitSeconds, error);
    }
    await runStatement(connection, `DROP TABLE ${quoteQualified(database, old)}`);
  });
  const loaded: LoadProgress = { ...staged, state: 'loaded' };
  await saveLoad(connection, plan.id, loaded);
  return resultOf('replace', loaded, { alreadyLoaded: false, ...flags });
}

/**
 * The staged rows into the live table: widened first to the longest values recorded over all
 * chunks, then one INSERT … SELECT and the record `loaded` in one transaction.
 */
async function appendStaged(
  plan: LoadPlan,
  staged: LoadProgress,
  flags: { resumed: boolean; widened: string[] },
  connection: MysqlQueryable,
): Promise<LoadRowsResult> {
  const { database, table, stage } = plan;
  const narrow = await narrowColumns(connection, plan, table, staged.longest);
  if (narrow.length > 0 && plan.catalog) await widen(connection, plan, table, staged.longest);
  const widened = [...new Set([...flags.widened, ...(plan.catalog ? narrow : [])])];
  const columns = await sharedColumns(connection, database, stage, table);
  await runStatement(connection, 'START TRANSACTION');
  try {
    const current = await findLoad(connection, plan.id, true);
    if (current?.state === 'loaded') {
      await runStatement(connection, 'ROLLBACK');
      await dropTable(connection, database, stage);
      return resultOf('append', current, { alreadyLoaded: true, resumed: flags.resumed, widened });
    }
    if (current?.state !== 'staged') throw new Error(`${plan.key}: its load is not staged`);
    const list = columns.map((column) => quoteIdentifier(column)).join(', ');
    const statement = `INSERT INTO ${quoteQualified(database, table)} (${list}) SELECT ${list} FROM ${quoteQualified(database, stage)}`;
    let inserted: number;
    try {
      inserted = (await runStatement(connection, statement)).affectedRows;
    } catch (error) {
      if (!(error instanceof RdsStatementFailed)) throw error;
      throw new RdsLoadRejected(
        `${plan.key}: MySQL refused the staged rows for ${database}.${table}: ${error.message.split(' — statement:')[0]}; they wait in ${stage} for a redrive`,
        { cause: error },
      );
    }
    if (inserted !== current.rows) {
      throw new RdsLoadMismatch(
        `${plan.key}: ${current.rows} rows were staged, MySQL added ${inserted} to ${database}.${table}`,
      );
    }
    const loaded: LoadProgress = { ...current, state: 'loaded' };
    await saveLoad(connection, plan.id, loaded);
    await runStatement(connection, 'COMMIT');
    await dropTable(connection, database, stage);
    return resultOf('append', loaded, { alreadyLoaded: false, resumed: flags.resumed, widened });
  } catch (error) {
    await connection.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

async function guardShrink(connection: MysqlQueryable, plan: LoadPlan, rows: number) {
  const [counted] = await selectRows(
    connection,
    `SELECT COUNT(*) AS n FROM ${quoteQualified(plan.database, plan.table)}`,
    [],
  );
  const live = Number(counted?.n ?? 0);
  if (rows >= live * (1 - plan.maxShrink)) return;
  throw new RdsLoadShrinks(
    `${plan.key}: loading it would shrink ${plan.database}.${plan.table} from ${live} rows to ${rows}, by more than rds.maxShrink (${plan.maxShrink}); the live table is unchanged and the loaded rows wait in ${plan.stage}: raise rds.maxShrink and redrive to swap them in`,
  );
}

function resultOf(
  mode: 'replace' | 'append',
  progress: LoadProgress,
  flags: { alreadyLoaded: boolean; resumed: boolean; widened: string[] },
): LoadRowsResult {
  const done = progress.state === 'loaded';
  return {
    mode,
    done,
    offset: progress.offset,
    chunks: progress.chunks,
    rows: progress.rows,
    ...flags,
  };
}

/** Errors that a redrive of the same file meets again: the file or the table must change. */
function isRefusal(error: unknown): boolean {
  return (
    error instanceof RdsLoadMismatch ||
    error instanceof RdsLoadRejected ||
    error instanceof RdsTableTooWide ||
    error instanceof RdsSchemaInvalid
  );
}

/** A load that committed nothing leaves nothing behind. */
async function abandon(plan: LoadPlan, connection: MysqlQueryable): Promise<void> {
  await dropTable(connection, plan.database, plan.stage).catch(() => {});
  await forgetLoad(connection, plan.id).catch(() => {});
}

async function dropTable(connection: MysqlQueryable, database: string, table: string) {
  await runStatement(connection, `DROP TABLE IF EXISTS ${quoteQualified(database, table)}`);
}

async function tableColumns(connection: MysqlQueryable, database: string, table: string) {
  const columns = await columnNames(connection, database, table);
  if (columns.length === 0) {
    throw new RdsLoadRejected(`${database}.${table} does not exist: SyncRdsDdl creates it first`);
  }
  return columns;
}

async function columnNames(connection: MysqlQueryable, database: string, table: string) {
  const rows = await selectRows(
    connection,
    'SELECT COLUMN_NAME AS name FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION',
    [database, table],
  );
  return rows.map((row) => String(row.name));
}

/** The staging table's columns the live table has too (SyncRdsDdl may have added some since). */
async function sharedColumns(
  connection: MysqlQueryable,
  database: string,
  stage: string,
  table: string,
): Promise<string[]> {
  const live = new Set(await columnNames(connection, database, table));
  return (await columnNames(connection, database, stage)).filter((column) => live.has(column));
}

async function tableExists(connection: MysqlQueryable, database: string, table: string) {
  const rows = await selectRows(
    connection,
    'SELECT 1 FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?',
    [database, table],
  );
  return rows.length > 0;
}

/** The object's size; a missing object or another ETag means the file changed. */
async function objectSize(store: ObjectStore, request: LoadRowsRequest): Promise<number> {
  const head = await store.head(request.key);
  if (!head) {
    if (request.eTag) throw sourceChanged(request);
    throw new RdsLoadRejected(`${request.key} does not exist in ${store.bucket}`);
  }
  if (request.eTag && unquote(head.eTag ?? '') !== unquote(request.eTag)) {
    throw sourceChanged(request);
  }
  return head.size;
}

/** The line break that ends the header: `\r\n` when the filed copy kept Windows line ends. */
async function readLineBreak(store: ObjectStore, request: LoadRowsRequest): Promise<'\n' | '\r\n'> {
  const body = await readFrom(store, request, 0);
  const quote = request.quote.charCodeAt(0);
  let inQuotes = false;
  let afterCr = false;
  let read = 0;
  try {
    for await (const chunk of body) {
      const bytes = chunk as Uint8Array;
      for (let i = 0; i < bytes.length; i++) {
        const byte = bytes[i];
        if (afterCr) return byte === 0x0a ? '\r\n' : '\n';
        if (byte === quote) inQuotes = !inQuotes;
        else if (!inQuotes && byte === 0x0a) return '\n';
        else if (!inQuotes && byte === 0x0d) afterCr = true;
      }
      read += bytes.length;
      if (read >= 65_536) break;
    }
    return '\n';
  } finally {
    body.destroy();
  }
}

function unquote(eTag: string): string {
  return eTag.replace(/"/g, '').trim();
}

function assertRequest(request: LoadRowsRequest): void {
  const share = request.maxShrink;
  if (!(share >= 0 && share <= 1)) {
    throw new RangeError(`rds.maxShrink must be between 0 and 1, not ${share}`);
  }
  const chunk = request.chunkBytes;
  if (chunk !== undefined && !(Number.isInteger(chunk) && chunk >= 1)) {
    throw new RangeError(`rds.chunkBytes must be a whole number ≥ 1, not ${chunk}`);
  }
  const offset = request.offset;
  if (offset !== undefined && !(Number.isInteger(offset) && offset >= 0)) {
    throw new RangeError(`offset must be a whole number ≥ 0, not ${offset}`);
  }
}
