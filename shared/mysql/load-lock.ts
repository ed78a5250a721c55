import { createHash } from 'node:crypto';
import { RdsLockTimeout } from '../errors.js';
import { quoteQualified } from './quote-identifier.js';
import { type MysqlQueryable, selectRows } from './run-statement.js';

/**
 * The named lock that serializes the loads of one table where they meet: the shrink guard, the
 * RENAME swap and the drops that follow. A lock name is at most 64 characters
 * (https://mariadb.com/kb/en/get_lock/), so the table is hashed into it.
 */
export function loadLockName(database: string, table: string): string {
  const hash = createHash('sha256').update(`${database}\0${table}`).digest('hex').slice(0, 40);
  return `csv_catalog_load_${hash}`;
}

/**
 * Runs `work` holding the table's load lock; waits at most `seconds` for it (another load of
 * the table swapping), then fails with RdsLockTimeout, which the workflow retries.
 */
export async function withLoadLock<T>(
  connection: MysqlQueryable,
  target: { database: string; table: string; seconds: number },
  work: () => Promise<T>,
): Promise<T> {
  const name = loadLockName(target.database, target.table);
  const [row] = await selectRows(connection, 'SELECT GET_LOCK(?, ?) AS got', [
    name,
    target.seconds,
  ]);
  if (Number(row?.got) !== 1) {
    throw new RdsLockTimeout(
      target.database,
      target.table,
      `MySQL table ${quoteQualified(target.database, target.table)}: another load of it holds the lock ${name} while it swaps; waited ${target.seconds} s (rds.lockWaitSeconds). The workflow retries; past its retries, let the other load finish (\`csv-catalog executions\` shows it), then redrive this execution (\`csv-catalog replay <execution>\`), which resumes at the swap`,
    );
  }
  try {
    return await work();
  } finally {
    await selectRows(connection, 'SELECT RELEASE_LOCK(?)', [name]).catch(() => {});
  }
}
