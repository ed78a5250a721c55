import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import type { TablesOptions } from '../commands/tables.js';
import { ExitCode } from '../exit-code.js';
import { addLocalStackOptions } from '../local-stack-options.js';

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
        "Per table (--table T…, else every table prefix): the catalog's columns and MySQL's side by side (name, type, comment), the rows in the filed file and in MySQL, the crawler's last run and the execution that last changed it. Locally, while `local up` runs on --dir, it asks that stack's console. Exits 1 when a table's catalog and MySQL columns disagree in names or order.",
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
      const { tablesOnAws } = await import('../commands/tables-aws.js');
      io.exitCode = await tablesOnAws(options, io);
      return;
    }
    const { tablesLocally } = await import('../commands/tables.js');
    io.exitCode = await tablesLocally(options, io);
  });
}
