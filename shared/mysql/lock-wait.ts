import { RdsLockTimeout, RdsStatementFailed } from '../errors.js';
import { describeLockHolders } from './lock-holders.js';
import { quoteQualified } from './quote-identifier.js';
import { type MysqlQueryable, runStatement } from './run-statement.js';

/**
 * How long a DDL statement waits for a table's metadata lock. The server's default is a year
 * (MySQL) or a day (MariaDB): an ALTER queued behind one open transaction would outlive the
 * Lambda, and every reader that comes after it would queue behind it meanwhile
 * (https://dev.mysql.com/doc/refman/8.0/en/metadata-locking.html). A short wait fails fast
 * with ER_LOCK_WAIT_TIMEOUT and the workflow retries later.
 */
export const DEFAULT_LOCK_WAIT_SECONDS = 10;

/** Sets the session's metadata-lock wait; applies to every statement after it. */
export async function setLockWait(connection: MysqlQueryable, seconds: number): Promise<void> {
  if (!Number.isInteger(seconds) || seconds < 1) {
    throw new RangeError(`lock wait must be a whole number of seconds ≥ 1, not ${seconds}`);
  }
  await runStatement(connection, `SET SESSION lock_wait_timeout = ${seconds}`);
}

/** The statement gave up waiting for a lock (ER_LOCK_WAIT_TIMEOUT, 1205). */
export function isLockTimeout(error: unknown): error is RdsStatementFailed {
  return error instanceof RdsStatementFailed && error.code === 'ER_LOCK_WAIT_TIMEOUT';
}

/** The lock timeout as the named error the workflow retries, saying which table and who holds it. */
export async function lockTimeoutError(
  connection: MysqlQueryable,
  database: string,
  table: string,
  seconds: number,
  error: RdsStatementFailed,
): Promise<RdsLockTimeout> {
  const holders = await describeLockHolders(connection, database, table);
  const verb = error.statement.split(' ', 2).join(' ');
  return new RdsLockTimeout(
    database,
    table,
    `MySQL table ${quoteQualified(database, table)} is locked: ${verb} waited ${seconds} s (rds.lockWaitSeconds) for its metadata lock, which another session holds (a transaction that used the table and has not ended, or LOCK TABLES)${holders ? `; ${holders}` : ''}. The workflow retries the step; past its retries, end that transaction, then redrive the execution (\`csv-catalog replay <execution>\`): it resumes at that step`,
    { cause: error },
  );
}
