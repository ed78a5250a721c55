import type { Connection } from 'mysql2/promise';
import type { MysqlQueryable } from './run-statement.js';

export type DisposableQueryable = MysqlQueryable & { end(): Promise<void> };

/**
 * A connection to an empty server that runs nothing: reads find no database and no table,
 * statements succeed without effect. The DDL planner, run on it, writes exactly the
 * statements it would run against a new database — what `--ddl-out` saves when no MySQL
 * server answers.
 */
export function dryRunConnection(): DisposableQueryable {
  const header = {
    affectedRows: 0,
    fieldCount: 0,
    insertId: 0,
    info: '',
    serverStatus: 0,
    warningStatus: 0,
    changedRows: 0,
  };
  const query = async (sql: unknown) => {
    const text = typeof sql === 'string' ? sql : String((sql as { sql?: string }).sql ?? '');
    return /^\s*(SELECT|SHOW)\b/i.test(text) ? [[], []] : [header, undefined];
  };
  // mysql2's query is heavily overloaded; this one answers every overload the planner uses.
  return { query: query as unknown as Connection['query'], end: async () => undefined };
}
