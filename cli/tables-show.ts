import type { ExecutionHistorySource } from '../shared/aws/execution-history-source.js';
import { openMysql } from '../shared/mysql/open-mysql.js';
import { tablePrefixes } from '../shared/sync/table-prefixes.js';
import {
  type LastExecution,
  type TableOverview,
  type TableOverviewDeps,
  tableOverview,
} from '../shared/tables/table-overview.js';
import type { CliIo } from './cli-io.js';
import { ExitCode } from './exit-code.js';
import { formatTableOverviews } from './tables-format.js';

/** What showTables reads from, less the MySQL connection it opens itself. */
export type TablesSources = Omit<TableOverviewDeps, 'mysql' | 'mysqlDatabase'> & {
  mysqlSettings: Parameters<typeof openMysql>[0];
};

/** Gathers the tables' overviews and prints them; Failed when any table's columns disagree. */
export async function showTables(
  sources: TablesSources,
  options: { table?: string[]; json?: boolean },
  io: CliIo,
): Promise<ExitCode> {
  const { mysqlSettings, ...deps } = sources;
  const tables = options.table?.length
    ? options.table
    : await tablePrefixes(deps.store, deps.config);
  const mysql = await openMysql(mysqlSettings);
  const overviews: TableOverview[] = [];
  try {
    for (const table of tables) {
      overviews.push(
        await tableOverview(table, { ...deps, mysql, mysqlDatabase: mysqlSettings.database }),
      );
    }
  } finally {
    await mysql.end().catch(() => undefined);
  }
  io.stdout.write(
    options.json
      ? `${JSON.stringify({ tables: overviews }, null, 2)}\n`
      : `${overviews.length ? formatTableOverviews(overviews) : 'no tables'}\n`,
  );
  const disagree = overviews.filter((o) => o.columnsDisagree);
  if (disagree.length && !options.json) {
    io.stderr.write(
      `csv-catalog tables: catalog and MySQL columns disagree for ${disagree.map((o) => o.table).join(', ')}\n`,
    );
  }
  return disagree.length ? ExitCode.Failed : ExitCode.Ok;
}

/** The newest execution of each table among the `scanned` newest of the history. */
export async function newestExecutionOf(
  history: ExecutionHistorySource,
  scanned: number,
): Promise<(table: string) => Promise<LastExecution | undefined>> {
  const executions = await history.listExecutions({ limit: scanned });
  return async (table) => {
    const newest = executions.find((e) => e.table === table);
    return (
      newest && {
        name: newest.name,
        status: newest.status,
        startedAt: newest.startedAt.toISOString(),
        ...(newest.stoppedAt ? { stoppedAt: newest.stoppedAt.toISOString() } : {}),
      }
    );
  };
}
