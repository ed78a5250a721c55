import type { ExecutionHistorySource } from '../shared/aws/execution-history-source.js';
import type { LastExecution, TableOverview } from '../shared/tables/table-overview.js';
import { type TableOverviewSources, tableOverviews } from '../shared/tables/table-overviews.js';
import type { CliIo } from './cli-io.js';
import { ExitCode } from './exit-code.js';
import { formatTableOverviews } from './tables-format.js';

/** What showTables reads from, less the MySQL connection it opens itself. */
export type TablesSources = TableOverviewSources;

/** Gathers the tables' overviews and prints them; Failed when any table's columns disagree. */
export async function showTables(
  sources: TablesSources,
  options: { table?: string[]; json?: boolean },
  io: CliIo,
): Promise<ExitCode> {
  return printTables(await tableOverviews(sources, options.table), options, io);
}

/** Prints overviews as `tables` does, from wherever they were gathered (a running stack's API). */
export function printTables(
  overviews: readonly TableOverview[],
  options: { json?: boolean },
  io: CliIo,
): ExitCode {
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
