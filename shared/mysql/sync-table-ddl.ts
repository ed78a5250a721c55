import { RdsStatementFailed } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { CatalogColumn, TypeMapOverrides } from './catalog-column.js';
import type { SyncTableDdlResult } from './ddl-result.js';
import { createDatabaseStatement, tableStatement } from './ddl-statements.js';
import { desiredColumns } from './desired-columns.js';
import { readExistingTable } from './existing-table.js';
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
}

export interface SyncTableDdlDeps {
  connection: MysqlQueryable;
  logger?: Pick<Logger, 'info'>;
}

/**
 * Makes MySQL's table match the catalog table: creates the database and table if missing,
 * adds new columns, widens columns, keeps column comments in step with the catalog's (metadata
 * only, never a rebuild), never drops or narrows. Idempotent: a second run with
 * the same input executes nothing.
 */
export async function syncTableDdl(
  input: SyncTableDdlInput,
  deps: SyncTableDdlDeps,
): Promise<SyncTableDdlResult> {
  const { database, table } = input;
  assertIdentifier(database, 'database');
  assertIdentifier(table, 'table');
  const desired = desiredColumns(input.columns, input.sampleMaxLengths, input.typeMap);
  const statements: string[] = [];
  const execute = async (statement: string) => {
    deps.logger?.info('Running MySQL statement', { statement });
    const header = await runStatement(deps.connection, statement);
    statements.push(statement);
    return header;
  };

  if (!(await databaseExists(deps.connection, database))) {
    await execute(createDatabaseStatement(database));
  }
  // A second pass only when a concurrent run changed the table between our read and write.
  for (let pass = 1; ; pass++) {
    const existing = await readExistingTable(deps.connection, database, table);
    const plan = existing
      ? planExistingTable(table, desired, existing)
      : planNewTable(table, desired);
    const { action, commentAction, ...changes } = plan;
    let result: SyncTableDdlResult = { database, table, created: false, statements, ...changes };
    if (action) {
      try {
        const header = await execute(tableStatement(database, table, action));
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

/** The server would have to rebuild the table for the ALTER (or knows no ALGORITHM=INSTANT). */
function refusedAsRebuild(error: unknown): error is RdsStatementFailed {
  if (!(error instanceof RdsStatementFailed)) return false;
  const code = error.code ?? '';
  return (
    code.startsWith('ER_ALTER_OPERATION_NOT_SUPPORTED') || code === 'ER_UNKNOWN_ALTER_ALGORITHM'
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
