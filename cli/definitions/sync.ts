import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import type { SyncOptions } from '../commands/sync.js';
import { ExitCode } from '../exit-code.js';
import { addLocalStackOptions } from '../local-stack-options.js';
import { parsePositiveInt } from '../option-parsers.js';

/**
 * `csv-catalog sync`: the workflow for the newest snapshot already in each table prefix, so
 * tables filed and crawlers made by hand are brought in line in one command. Locally (the
 * default) it waits and prints what happened; with --stage it starts the executions on AWS.
 */
export function registerSyncCommand(program: Command, io: CliIo): void {
  addLocalStackOptions(
    program
      .command('sync')
      .description(
        'Run the workflow for the newest snapshot under each table prefix (--table T… or --all): crawler settings, string types, names and the MySQL table of every existing table brought in line.',
      )
      .option('--table <table...>', 'the tables (prefixes) to sync')
      .option('--all', 'every table prefix, less _raw/, _archive/ and the configured exclusions')
      .option(
        '--stage <stage>',
        'on AWS: the deployed stage whose workflow to start (with --bucket)',
      )
      .option('--state-machine-arn <arn>', 'on AWS: the state machine, instead of --stage')
      .option('--region <region>', 'on AWS: the region')
      .option('--concurrency <n>', 'tables started at once', parsePositiveInt, 4)
      .option('--json', 'print one JSON document on stdout')
      .option('--verbose', 'log every step to stderr (local)'),
    true,
  ).action(async (options: SyncOptions, command: Command) => {
    const onAws = Boolean(options.stage || options.stateMachineArn);
    const usage =
      !options.all && !options.table?.length
        ? 'give --table <table…> or --all'
        : onAws && command.getOptionValueSource('bucket') !== 'cli'
          ? 'give --bucket with --stage or --state-machine-arn: the bucket the stage files into'
          : undefined;
    if (usage) {
      io.stderr.write(`csv-catalog sync: ${usage}\n`);
      io.exitCode = ExitCode.Usage;
      return;
    }
    const { syncLocally, syncOnAws } = await import('../commands/sync.js');
    io.exitCode = onAws ? await syncOnAws(options, io) : await syncLocally(options, io);
  });
}
