import type { ResultSetHeader } from 'mysql2/promise';
import { recordOf } from '../config/own-entry.js';
import type { RecordScan } from '../csv/record-scanner.js';
import { RdsLoadMismatch, RdsLoadRejected, RdsLoadShrinks, RdsStatementFailed } from '../errors.js';
import type { ObjectStore } from '../filing/object-store.js';
import type { CatalogColumn, TypeMapOverrides } from './catalog-column.js';
import { CountingStream } from './counting-stream.js';
import { INFILE_NAME, loadDataStatement } from './load-data-statement.js';
import { createLoadsTable, findLoad, type LoadIdentity, recordLoad } from './load-record.js';
import {
  DEFAULT_LOCK_WAIT_SECONDS,
  isLockTimeout,
  lockTimeoutError,
  setLockWait,
} from './lock-wait.js';
import { parseMysqlType } from './mysql-type.js';
import { quoteIdentifier, quoteQualified } from './quote-identifier.js';
import { toRdsError } from './rds-errors.js';
import { type MysqlQueryable, runStatement, selectRows } from './run-statement.js';
import { companionTableName } from './staging-table-name.js';
import { capacityInChars } from './string-capacity.js';
import { type MirrorSettings, syncTableDdl } from './sync-table-ddl.js';

export interface LoadRowsRequest {
  database: string;
  table: string;
  /** The filed object: UTF-8, header line first. */
  key: string;
  /** Names this filing of the key (the filed copy's ETag or snapshot id). */
  snapshot: string;
  delimiter: string;
  quote: string;
  mode: 'replace' | 'append';
  emptyAs: 'null' | 'empty';
  /** A replace may shrink the table by at most this share (0.5: to half its rows). */
  maxShrink: number;
  /** The file's line break; read from the file's first line when not given. */
  lineBreak?: '\n' | '\r\n';
  lockWaitSeconds?: number;
  /**
   * The catalog table SyncRdsDdl planned from: with it, a column too narrow for a value of the
   * file is widened through the same planner before the rows become visible. Without it, such
   * a value fails the load (RdsLoadMismatch naming the truncation).
   */
  catalog?: CatalogDefinition;
}

export interface CatalogDefinition {
  columns: readonly CatalogColumn[];
  typeMap?: TypeMapOverrides;
  mirror?: MirrorSettings;
}

export interface LoadRowsClients {
  connection: MysqlQueryable;
  store: ObjectStore;
}

export interface LoadRowsResult {
  mode: 'replace' | 'append';
  /** Rows in the table's new content (replace) or rows added (append). */
  rows: number;
  /** The load was done before (append with the same key and snapshot): nothing changed. */
  alreadyLoaded: boolean;
  /** The staging table of an earlier run was used (a redrive after the shrink guard). */
  resumed: boolean;
  /** Columns widened for values longer than the DDL's sample had seen. */
  widened: string[];
}

/**
 * Loads a filed CSV into its MySQL table at the server's speed: the object is streamed from
 * the store into `LOAD DATA LOCAL INFILE` in strict mode, its records counted on the way and
 * checked against the rows MySQL loaded. `replace` loads a staging table and swaps it in with
 * one RENAME TABLE; `append` is one transaction, recorded so a replay adds nothing.
 *
 * Every value is measured on the way: where a column is too narrow (the DDL saw a 64 KiB
 * sample) and the catalog is given, it is widened and the file loaded again, before any row
 * is visible.
 */
export async function loadRows(
  request: LoadRowsRequest,
  clients: LoadRowsClients,
): Promise<LoadRowsResult> {
  assertShare(request.maxShrink);
  const { connection } = clients;
  // A value that does not fit is an error, not a warning and a cut value
  // (https://dev.mysql.com/doc/refman/8.0/en/sql-mode.html#sql-mode-strict). LOAD DATA LOCAL
  // still only warns (checkedRows), so warnings are failures too.
  await runStatement(connection, "SET SESSION sql_mode = CONCAT(@@sql_mode, ',STRICT_ALL_TABLES')");
  await setLockWait(connection, request.lockWaitSeconds ?? DEFAULT_LOCK_WAIT_SECONDS);
  await createLoadsTable(connection, request.database);
  const lineBreak = request.lineBreak ?? (await readLineBreak(clients.store, request));
  const columns = await tableColumns(connection, request.database, request.table);
  const settings = { ...request, lineBreak, columns };
  return request.mode === 'append' ? appendRows(settings, clients) : replaceRows(settings, clients);
}

type LoadSettings = LoadRowsRequest & { lineBreak: '\n' | '\r\n'; columns: string[] };

async function appendRows(
  settings: LoadSettings,
  clients: LoadRowsClients,
): Promise<LoadRowsResult> {
  const { connection } = clients;
  const id = identity(settings);
  await runStatement(connection, 'START TRANSACTION');
  try {
    const done = await findLoad(connection, id, true);
    if (done) {
      await runStatement(connection, 'ROLLBACK');
      const rows = done.rows;
      return { mode: 'append', rows, alreadyLoaded: true, resumed: false, widened: [] };
    }
    let loaded = await loadInto(settings.table, settings, clients);
    const narrow = await narrowColumns(connection, settings, settings.table, loaded.longest);
    if (narrow.length > 0 && settings.catalog) {
      // The cut rows go with the transaction; the ALTER is DDL and must run outside it.
      await runStatement(connection, 'ROLLBACK');
      await widen(connection, settings, settings.table, loaded.longest);
      await runStatement(connection, 'START TRANSACTION');
      const meanwhile = await findLoad(connection, id, true);
      if (meanwhile) {
        await runStatement(connection, 'ROLLBACK');
        return {
          mode: 'append',
          rows: meanwhile.rows,
          alreadyLoaded: true,
          resumed: false,
          widened: narrow,
        };
      }
      loaded = await loadInto(settings.table, settings, clients);
    }
    const rows = checkedRows(loaded, settings);
    await recordLoad(connection, id, 'loaded', rows);
    await runStatement(connection, 'COMMIT');
    return { mode: 'append', rows, alreadyLoaded: false, resumed: false, widened: narrow };
  } catch (error) {
    await connection.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

async function replaceRows(
  settings: LoadSettings,
  clients: LoadRowsClients,
): Promise<LoadRowsResult> {
  const { connection } = clients;
  const { database, table } = settings;
  const id = identity(settings);
  const stage = companionTableName(table, 'load');
  const old = companionTableName(table, 'old');
  const staged = await findLoad(connection, id);
  const resumed = staged?.state === 'staged' && (await tableExists(connection, database, stage));
  let rows: number;
  let widened: string[] = [];
  if (resumed && staged) {
    rows = staged.rows;
  } else {
    await runStatement(connection, `DROP TABLE IF EXISTS ${quoteQualified(database, stage)}`);
    await runStatement(
      connection,
      `CREATE TABLE ${quoteQualified(database, stage)} LIKE ${quoteQualified(database, table)}`,
    );
    try {
      ({ rows, widened } = await loadStage(stage, settings, clients));
    } catch (error) {
      // A refused file leaves nothing behind; only a loaded stage waits for a redrive.
      await connection
        .query(`DROP TABLE IF EXISTS ${quoteQualified(database, stage)}`)
        .catch(() => {});
      throw error;
    }
    await recordLoad(connection, id, 'staged', rows);
  }
  await guardShrink(connection, settings, rows);
  await runStatement(connection, `DROP TABLE IF EXISTS ${quoteQualified(database, old)}`);
  await swapIn(connection, settings, stage, old);
  await runStatement(connection, `DROP TABLE ${quoteQualified(database, old)}`);
  await recordLoad(connection, id, 'loaded', rows);
  return { mode: 'replace', rows, alreadyLoaded: false, resumed, widened };
}

/** Loads the empty staging table, widening it and loading again where a value did not fit. */
async function loadStage(stage: string, settings: LoadSettings, clients: LoadRowsClients) {
  const { connection } = clients;
  let loaded = await loadInto(stage, settings, clients);
  const widened = await narrowColumns(connection, settings, stage, loaded.longest);
  if (widened.length > 0 && settings.catalog) {
    // The staging table is nobody's yet: widen it, empty it and load again.
    await widen(connection, settings, stage, loaded.longest);
    await runStatement(connection, `TRUNCATE TABLE ${quoteQualified(settings.database, stage)}`);
    loaded = await loadInto(stage, settings, clients);
  }
  return { rows: checkedRows(loaded, settings), widened };
}

/** live → old and stage → live in one statement: readers see the old rows or the new. */
async function swapIn(
  connection: MysqlQueryable,
  settings: LoadSettings,
  stage: string,
  old: string,
): Promise<void> {
  const { database, table } = settings;
  try {
    await runStatement(
      connection,
      `RENAME TABLE ${quoteQualified(database, table)} TO ${quoteQualified(database, old)}, ${quoteQualified(database, stage)} TO ${quoteQualified(database, table)}`,
    );
  } catch (error) {
    if (!isLockTimeout(error)) throw error;
    const seconds = settings.lockWaitSeconds ?? DEFAULT_LOCK_WAIT_SECONDS;
    throw await lockTimeoutError(connection, database, table, seconds, error);
  }
}

async function guardShrink(connection: MysqlQueryable, settings: LoadSettings, rows: number) {
  const [counted] = await selectRows(
    connection,
    `SELECT COUNT(*) AS n FROM ${quoteQualified(settings.database, settings.table)}`,
    [],
  );
  const live = Number(counted?.n ?? 0);
  if (rows >= live * (1 - settings.maxShrink)) return;
  throw new RdsLoadShrinks(
    `${settings.key}: loading it would shrink ${settings.database}.${settings.table} from ${live} rows to ${rows}, by more than rds.maxShrink (${settings.maxShrink}); the live table is unchanged and the loaded rows wait in ${companionTableName(settings.table, 'load')}: raise rds.maxShrink and redrive to swap them in`,
  );
}

interface LoadedFile {
  affectedRows: number;
  warningCount: number;
  warnings: string[];
  scan: RecordScan;
  /** Longest value per field, in characters. */
  longest: number[];
}

/** Streams the object into one table; what the server and the scan said, unchecked. */
async function loadInto(
  target: string,
  settings: LoadSettings,
  clients: LoadRowsClients,
): Promise<LoadedFile> {
  const body = await clients.store.readStream(settings.key);
  const counting = new CountingStream(settings);
  body.on('error', (error) => counting.destroy(error));
  body.pipe(counting);
  const sql = loadDataStatement({ ...settings, table: target });
  let result: ResultSetHeader;
  try {
    [result] = await clients.connection.query<ResultSetHeader>({
      sql,
      infileStreamFactory: (name: string) => {
        if (name !== INFILE_NAME) throw new Error(`the server asked for ${name}`);
        return counting;
      },
    });
  } catch (error) {
    body.destroy();
    const mapped = toRdsError(error, { statement: sql });
    if (!(mapped instanceof RdsStatementFailed)) throw mapped;
    throw new RdsLoadRejected(
      `${settings.key}: MySQL refused the rows for ${settings.database}.${settings.table}: ${mapped.code ? `${mapped.code}: ` : ''}${serverMessage(error)}`,
      { cause: mapped },
    );
  }
  const { scan, longest } = counting.result();
  const warnings = result.warningStatus > 0 ? await firstWarnings(clients.connection) : [];
  return {
    affectedRows: result.affectedRows,
    warningCount: result.warningStatus,
    warnings,
    scan,
    longest,
  };
}

/** The rows loaded, once the field counts, the row count and the warnings are all right. */
function checkedRows(loaded: LoadedFile, settings: LoadSettings): number {
  const { scan, affectedRows, warnings } = loaded;
  assertFieldCounts(scan, settings);
  // With LOCAL the server cannot stop the client's stream, so it treats data errors as IGNORE
  // does, strict mode or not: a value cut to fit is only a warning
  // (https://dev.mysql.com/doc/refman/8.0/en/load-data.html#load-data-error-handling).
  // Any warning therefore fails the load before its rows become visible.
  if (affectedRows !== scan.records || warnings.length > 0) {
    throw new RdsLoadMismatch(
      `${settings.key}: the file holds ${scan.records} data rows, MySQL loaded ${affectedRows} into ${settings.database}.${settings.table}${warnings.length ? ` with ${loaded.warningCount} warnings: ${warnings.join('; ')}` : ''}`,
    );
  }
  return affectedRows;
}

/** The table's string columns too narrow for the longest value of their field. */
async function narrowColumns(
  connection: MysqlQueryable,
  settings: LoadSettings,
  target: string,
  longest: readonly number[],
): Promise<string[]> {
  const rows = await selectRows(
    connection,
    'SELECT COLUMN_NAME AS name, COLUMN_TYPE AS type FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION',
    [settings.database, target],
  );
  return rows.flatMap((row, i) => {
    const type = parseMysqlType(String(row.type));
    const capacity = type ? capacityInChars(type) : undefined;
    const length = longest[i] ?? 0;
    return capacity !== undefined && length > capacity ? [String(row.name)] : [];
  });
}

/**
 * Widens through SyncRdsDdl's planner, the measured lengths as its sample: VARCHAR → TEXT →
 * MEDIUMTEXT as needed, never narrower, within the same width limits.
 */
async function widen(
  connection: MysqlQueryable,
  settings: LoadSettings,
  target: string,
  longest: readonly number[],
): Promise<void> {
  const catalog = settings.catalog;
  if (!catalog) return;
  const measured = recordOf(settings.columns.map((name, i) => [name, longest[i] ?? 0] as const));
  await syncTableDdl(
    {
      database: settings.database,
      table: target,
      columns: catalog.columns,
      sampleMaxLengths: measured,
      ...(catalog.typeMap ? { typeMap: catalog.typeMap } : {}),
      ...(catalog.mirror ? { mirror: catalog.mirror } : {}),
      file: settings.key,
      lockWaitSeconds: settings.lockWaitSeconds ?? DEFAULT_LOCK_WAIT_SECONDS,
    },
    { connection },
  );
}

/**
 * Every record must have one field per column: LOAD DATA fills a short row's missing user
 * variables with NULL without a warning, and would load it.
 */
function assertFieldCounts(scan: RecordScan, settings: LoadSettings): void {
  const expected = settings.columns.length;
  const wrong = scan.fieldCounts.filter((count) => count.fields !== expected);
  if (scan.headerFields === expected && wrong.length === 0) return;
  const where = wrong
    .map(
      (count) =>
        `${count.records} rows of ${count.fields} fields (lines ${count.lines.join(', ')})`,
    )
    .join('; ');
  throw new RdsLoadMismatch(
    `${settings.key}: ${settings.database}.${settings.table} has ${expected} columns; the header has ${scan.headerFields} fields${where ? `, and ${where}` : ''}`,
  );
}

/** The first warnings of the last statement; MySQL names the row (line) in the message. */
async function firstWarnings(connection: MysqlQueryable): Promise<string[]> {
  const rows = await selectRows(connection, 'SHOW WARNINGS LIMIT 5', []);
  return rows.map((row) => `${row.Level} ${row.Code}: ${row.Message}`);
}

async function tableColumns(connection: MysqlQueryable, database: string, table: string) {
  const rows = await selectRows(
    connection,
    'SELECT COLUMN_NAME AS name FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION',
    [database, table],
  );
  if (rows.length === 0) {
    throw new RdsLoadRejected(`${database}.${table} does not exist: SyncRdsDdl creates it first`);
  }
  return rows.map((row) => {
    const name = String(row.name);
    quoteIdentifier(name);
    return name;
  });
}

async function tableExists(connection: MysqlQueryable, database: string, table: string) {
  const rows = await selectRows(
    connection,
    'SELECT 1 FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?',
    [database, table],
  );
  return rows.length > 0;
}

/** The line break that ends the header: `\r\n` when the filed copy kept Windows line ends. */
async function readLineBreak(store: ObjectStore, request: LoadRowsRequest) {
  const head = await store.head(request.key);
  if (!head || head.size === 0) return '\n';
  const bytes = await store.readRange(request.key, 0, Math.min(head.size, 65_536) - 1);
  const quote = request.quote.charCodeAt(0);
  let inQuotes = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === quote) inQuotes = !inQuotes;
    else if (!inQuotes && byte === 0x0a) return '\n';
    else if (!inQuotes && byte === 0x0d) return bytes[i + 1] === 0x0a ? '\r\n' : '\n';
  }
  return '\n';
}

function identity(settings: LoadSettings): LoadIdentity {
  const { database, table, key, snapshot, mode } = settings;
  return { database, table, key, snapshot, mode };
}

function serverMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function assertShare(share: number): void {
  if (!(share >= 0 && share <= 1)) {
    throw new RangeError(`rds.maxShrink must be between 0 and 1, not ${share}`);
  }
}
