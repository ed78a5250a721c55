import { describeError, RdsUnavailable } from '../shared/errors.js';
import { describeMysqlSettings, type MysqlSettings } from '../shared/mysql/mysql-settings.js';
import { openMysql } from '../shared/mysql/open-mysql.js';

/**
 * One line when MySQL does not take a connection, saying what that means for the stack's
 * executions; undefined when it does. Never shows the password.
 */
export async function mysqlUnreachableLine(settings: MysqlSettings): Promise<string | undefined> {
  try {
    const connection = await openMysql(settings);
    await connection.end();
    return undefined;
  } catch (error) {
    const where = `MySQL at ${describeMysqlSettings(settings)}`;
    const what =
      error instanceof RdsUnavailable
        ? `is unreachable (${errorCode(error) ?? describeError(error)})`
        : `refuses this stack (${describeError(error)})`;
    return `${where} ${what}: executions will fail at SyncRdsDdl and can be replayed; --ddl-out DIR writes the DDL to files instead`;
  }
}

/** ECONNREFUSED, ETIMEDOUT, …: from the error or the socket error it wraps. */
function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    if (e instanceof AggregateError) {
      const inner = e.errors.map(errorCode).find(Boolean);
      if (inner) return inner;
    }
  }
  return undefined;
}
