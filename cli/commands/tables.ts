import { LocalExecutionHistory } from '../../local/workflow/local-execution-history.js';
import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import { SdkGlueCatalog } from '../../shared/glue/sdk-glue-catalog.js';
import type { TableOverview } from '../../shared/tables/table-overview.js';
import type { CliIo } from '../cli-io.js';
import { runningConsole } from '../console-client.js';
import type { ExitCode } from '../exit-code.js';
import type { LocalStackCliOptions } from '../local-stack-options.js';
import { newestExecutionOf, printTables, showTables } from '../tables-show.js';
import { stackSources } from '../tables-stack-sources.js';

export interface TablesOptions extends LocalStackCliOptions {
  table?: string[];
  stage?: string;
  region?: string;
  rdsSecretArn?: string;
  json?: boolean;
  verbose?: boolean;
}

/** Executions looked through locally for a table's newest one (the folder holds them all). */
const LOCAL_EXECUTIONS_SCANNED = 100_000;

/** `csv-catalog tables` on a local stack's folder. */
export async function tablesLocally(options: TablesOptions, io: CliIo): Promise<ExitCode> {
  // A stack runs on the folder with its console: the overviews come from it, as the console's.
  const client = runningConsole(options.dir);
  if (client) {
    const query = new URLSearchParams(
      (options.table ?? []).map((t): [string, string] => ['table', t]),
    );
    const { tables } = await client.get<{ tables: TableOverview[] }>(`/api/tables?${query}`);
    return printTables(tables, options, io);
  }
  const sources = await stackSources(options, io);
  try {
    const history = new LocalExecutionHistory(options.dir);
    return await showTables(
      {
        store: new S3ObjectStore(sources.s3, sources.bucket),
        catalog: new SdkGlueCatalog(sources.glue),
        config: sources.config,
        mysqlSettings: sources.mysql,
        lastExecution: await newestExecutionOf(history, LOCAL_EXECUTIONS_SCANNED),
      },
      options,
      io,
    );
  } finally {
    await sources.close();
  }
}
