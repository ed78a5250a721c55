import type { ResultSetHeader } from 'mysql2/promise';
import { RdsStatementFailed } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { CatalogColumn, TypeMapOverrides } from './catalog-column.js';
import type { SyncTableDdlResult } from './ddl-result.js';
import { alterAttempts, createDatabaseStatement, tableStatement } from './ddl-statements.js';
import { desiredColumns } from './desired-columns.js';
import { readExistingTable } from './existing-table.js';
import {
  DEFAULT_LOCK_WAIT_SECONDS,
  isLockTimeout,
  lockTimeoutError,
  setLockWait,
} from './lock-wait.js';
import { mirroredColumns } from './mirrored-columns.js';
import { assertNoOverflowName } from './overflow-column.js';
import { planExistingTable, planNewTable, type TableAction } from './plan-table.js';
import { assertIdentifier } from './quote-identifier.js';
import { type MysqlQueryable, runStatement, selectRows } from './run-statement.js';

export interface SyncTableDdlInput {
  /** The MySQL database (created if missing). */
  database: string;
  table: string;
  /** The catalog's columns, in catalog order. */
  columns: readonly CatalogColumn[];
  /** Longest value seen per column, in characters. */
  sampleMaxLengths?: Readonly<Record<string, number>>;
  /** Glue type → MySQL type overrides (config rds.typeMap). */
  typeMap?: TypeMapOverrides;
  /** The file being synced, named when the table is refused. */
  file?: string;
  /** How long each statement waits for the table's metadata lock (config rds.lockWaitSeconds). */
  lockWaitSeconds?: number;
  /** Which catalog columns MySQL mirrors and what happens past the width limits (rds.tables.<t>). */
  mirror?: MirrorSettings;
}

/** `rds.tables.<table>` in config. */
export interface MirrorSettings {
  /** The catalog columns to mirror; absent: all. */
  columns?: readonly string[] | undefined;
  /** `json`: columns past MySQL's width limits are kept in one JSON column. */
  overflow?: 'json' | undefined;
}

export interface SyncTableDdlDeps {
  /** One session (not a Pool): the lock wait is set on it for the statements that follow. */
  connection: MysqlQueryable;
  logger?: Pick<Logger, 'info'>;
}

/**
 * Makes MySQL's table match the catalog table: creates the database and table if missing,
 * adds new columns, widens columns, keeps column comments in step with the catalog's (metadata
 * only, never a rebuild), never drops or narrows. Idempotent: a second run with
 * the same input executes nothing. Everything is planned before the first statement: a table
 * past MySQL's width limits is refused (RdsTableTooWide) with nothing changed. Each statement
 * waits at most `lockWaitSeconds` for the table's metadata lock (RdsLockTimeout), and an ALTER
 * asks for the lightest algorithm the server allows.
 */
export async function syncTableDdl(
  input: SyncTableDdlInput,
  deps: SyncTableDdlDeps,
): Promise<SyncTableDdlResult> {
  const { database, table } = input;
  const lockWait = input.lockWaitSeconds ?? DEFAULT_LOCK_WAIT_SECONDS;
  assertIdentifier(database, 'database');
  assertIdentifier(table, 'table');
  const catalog = desiredColumns(input.columns, input.sampleMaxLengths, input.typeMap);
  assertNoOverflowName(catalog);
  const mirrored = mirroredColumns(table, catalog, input.mirror?.columns);
  const desired = mirrored.desired;
  const options = { overflow: input.mirror?.overflow, file: input.file };
  const statements: string[] = [];
  const execute = async (statement: string) => {
    deps.logger?.info('Running MySQL statement', { statement });
    try {
      const header = await runStatement(deps.connection, statement);
      statements.push(statement);
      return header;
    } catch (error) {
      if (!isLockTimeout(error)) throw error;
      throw await lockTimeoutError(deps.connection, database, table, lockWait, error);
    }
  };

  let databaseReady = await databaseExists(deps.connection, database);
  await setLockWait(deps.connection, lockWait);
  // A second pass only when a concurrent run changed the table between our read and write.
  for (let pass = 1; ; pass++) {
    const existing = databaseReady
      ? await readExistingTable(deps.connection, database, table)
      : undefined;
    const plan = existing
      ? planExistingTable(table, desired, existing, options)
      : planNewTable(table, desired, options);
    const { action, commentAction, overflow, ...changes } = plan;
    let result: SyncTableDdlResult = {
      database,
      table,
      created: false,
      statements,
      ...changes,
      kept: [...mirrored.kept, ...changes.kept],
      ...(overflow ? { overflow } : {}),
    };
    if (!databaseReady) {
      await execute(createDatabaseStatement(database));
      databaseReady = true;
    }
    if (action) {
      try {
        const header =
          action.kind === 'alter'
            ? await executeAlter(alterAttempts(database, table, action), execute, deps.logger)
            : await execute(tableStatement(database, table, action));
        const creating = action.kind === 'create';
        const raced =
          creating && header.warningStatus > 0 && (await tableAppeared(deps.connection));
        if (raced && pass === 1) continue;
        result = { ...result, created: creating && !raced };
      } catch (error) {
        const raced = error instanceof RdsStatementFailed && error.code === 'ER_DUP_FIELDNAME';
        if (raced && pass === 1) continue;
        throw error;
      }
    }
    if (!commentAction) return result;
    try {
      await execute(tableStatement(database, table, commentAction));
      return result;
    } catch (error) {
      if (!refusedAsRebuild(error)) throw error;
      return withCommentsKept(result, commentAction, error.message);
    }
  }
}

/** The first of the ALTER's attempts the server accepts; a lock timeout ends the attempts. */
async function executeAlter(
  attempts: readonly string[],
  execute: (statement: string) => Promise<ResultSetHeader>,
  logger: Pick<Logger, 'info'> | undefined,
): Promise<ResultSetHeader> {
  for (const [index, statement] of attempts.entries()) {
    try {
      return await execute(statement);
    } catch (error) {
      if (index === attempts.length - 1 || !refusedAsRebuild(error)) throw error;
      logger?.info('MySQL refused the ALTER algorithm; trying the next', { reason: error.message });
    }
  }
  throw new Error('bug: no ALTER to run');
}

/**
 * The server cannot run the ALTER with the ALGORITHM asked (1845, 1846), knows no such
 * ALGORITHM (1800: INSTANT before MySQL 8.0), or has used up a table's instant changes (MySQL
 * 8.0.29+: ER_INNODB_MAX_ROW_VERSION, 4092).
 */
function refusedAsRebuild(error: unknown): error is RdsStatementFailed {
  if (!(error instanceof RdsStatementFailed)) return false;
  const code = error.code ?? '';
  return (
    code.startsWith('ER_ALTER_OPERATION_NOT_SUPPORTED') ||
    code === 'ER_UNKNOWN_ALTER_ALGORITHM' ||
    code === 'ER_INNODB_MAX_ROW_VERSION'
  );
}

/** A comment is never worth a rebuild: the refused ones are reported as kept, not changed. */
function withCommentsKept(
  result: SyncTableDdlResult,
  refused: Extract<TableAction, { kind: 'comment' }>,
  serverMessage: string,
): SyncTableDdlResult {
  const names = new Set(refused.changes.map((c) => c.name));
  const why = serverMessage.split(' — statement:')[0];
  return {
    ...result,
    commented: result.commented.filter((name) => !names.has(name)),
    kept: [
      ...result.kept,
      ...refused.changes.map((c) => ({
        column: c.name,
        reason: `catalog's comment differs from MySQL's, but the server would rebuild the table to change it (${why}); comment not changed`,
      })),
    ],
  };
}

async function databaseExists(connection: MysqlQueryable, database: string): Promise<boolean> {
  const rows = await selectRows(
    connection,
    'SELECT SCHEMA_NAME FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME = ?',
    [database],
  );
  return rows.length > 0;
}

/** CREATE TABLE IF NOT EXISTS did nothing: the table appeared meanwhile (warning 1050). */
async function tableAppeared(connection: MysqlQueryable): Promise<boolean> {
  const warnings = await selectRows(connection, 'SHOW WARNINGS', []);
  return warnings.some((warning) => Number(warning.Code) === 1050);
}
