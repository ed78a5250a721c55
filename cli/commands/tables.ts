import type { Command } from 'commander';
import { LocalExecutionHistory } from '../../local/workflow/local-execution-history.js';
import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import { SdkGlueCatalog } from '../../shared/glue/sdk-glue-catalog.js';
import type { CliIo } from '../cli-io.js';
import { ExitCode } from '../exit-code.js';
import { addLocalStackOptions, type LocalStackCliOptions } from '../local-stack-options.js';
import { newestExecutionOf, showTables } from '../tables-show.js';
import { stackSources } from '../tables-stack-sources.js';
import { tablesOnAws } from './tables-aws.js';

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

/**
 * `csv-catalog tables`: per table, the catalog's columns beside MySQL's, the rows in the filed
 * file and in MySQL, the crawler's last run and the newest execution. Exit 1 when a table's
 * catalog and MySQL columns disagree in names or order.
 */
export function registerTablesCommand(program: Command, io: CliIo): void {
  addLocalStackOptions(
    program
      .command('tables')
      .description(
        "Per table (--table T…, else every table prefix): the catalog's columns and MySQL's side by side (name, type, comment), the rows in the filed file and in MySQL, the crawler's last run and the execution that last changed it. Locally it reads beside a stack running on --dir. Exits 1 when a table's catalog and MySQL columns disagree in names or order.",
      )
      .option('--table <table...>', 'the tables to show (default: every table prefix)')
      .option('--stage <stage>', 'on AWS: the deployed stage (with --bucket)')
      .option('--region <region>', 'on AWS: the region')
      .option(
        '--rds-secret-arn <arn>',
        "on AWS: the stage's RDS secret (default: RDS_SECRET_ARN)",
        process.env.RDS_SECRET_ARN,
      )
      .option('--json', 'print one JSON document on stdout')
      .option('--verbose', 'log every step to stderr (when no stack runs on --dir)'),
    true,
  ).action(async (options: TablesOptions, command: Command) => {
    if (options.stage) {
      const usage =
        command.getOptionValueSource('bucket') !== 'cli'
          ? 'give --bucket with --stage: the bucket the stage files into'
          : !options.rdsSecretArn
            ? "give --rds-secret-arn (or RDS_SECRET_ARN): the stage's RDS secret"
            : undefined;
      if (usage) {
        io.stderr.write(`csv-catalog tables: ${usage}\n`);
        io.exitCode = ExitCode.Usage;
        return;
      }
      io.exitCode = await tablesOnAws(options, io);
      return;
    }
    io.exitCode = await tablesLocally(options, io);
  });
}

async function tablesLocally(options: TablesOptions, io: CliIo): Promise<ExitCode> {
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
