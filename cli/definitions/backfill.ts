import { type Command, Option } from 'commander';
import type { CliIo } from '../cli-io.js';
import type { BackfillOptions } from '../commands/backfill.js';
import { configOption } from '../config-options.js';
import { DEFAULT_BUCKET } from '../local-stack-options.js';
import { parsePositiveInt } from '../option-parsers.js';

export function registerBackfillCommand(program: Command, io: CliIo): void {
  program
    .command('backfill')
    .description(
      'File every CSV still at the bucket root, as the file-upload Lambda would, and start the workflow for each.',
    )
    .option(
      '--dir <dir>',
      "a local stack's folder: file its bucket's root with its workflow (through the stack running on it, if one does)",
    )
    .option('--bucket <name>', `the bucket whose root to file (with --dir: ${DEFAULT_BUCKET})`)
    .addOption(
      new Option(
        '--mysql-url <url>',
        'with --dir and no stack running on it: MySQL for the tables (default: the one --dir recorded, else MYSQL_URL)',
      ),
    )
    .option('--retarget', 'with --mysql-url: though --dir recorded another MySQL')
    .option('--endpoint <url>', 'an S3-compatible endpoint (default: AWS, or AWS_ENDPOINT_URL_S3)')
    .addOption(configOption())
    .option('--no-workflow', 'file only; start no workflow')
    .option(
      '--state-machine-arn <arn>',
      'the workflow to start (default: STATE_MACHINE_ARN)',
      process.env.STATE_MACHINE_ARN,
    )
    .option(
      '--concurrency <n>',
      'objects filed at once (default: from config, 16)',
      parsePositiveInt,
    )
    .option('--json', 'print the summary as one JSON document on stdout')
    .action(async (options: BackfillOptions) => {
      const { backfill } = await import('../commands/backfill.js');
      io.exitCode = await backfill(options, io);
    });
}
