import { type Command, Option } from 'commander';
import { LISTED_STATUSES } from '../../shared/aws/execution-history-source.js';
import type { CliIo } from '../cli-io.js';
import type { ExecutionsOptions } from '../commands/executions.js';
import { DEFAULT_DIR } from '../local-stack-options.js';
import { parsePositiveInt } from '../option-parsers.js';

export function registerExecutionsCommand(program: Command, io: CliIo): Command {
  return program
    .command('executions')
    .description(
      "List the workflow's executions, newest first: table, status, start, duration and, for failed ones, the state that failed and why; locally also the files filing REFUSED or SKIPPED, with the reason. Exits 1 when any listed execution failed, timed out or was aborted, or a listed file was refused.",
    )
    .option('--dir <dir>', "the local stack's folder (without --stage)", DEFAULT_DIR)
    .option('--stage <stage>', 'the deployed stage: its state machine csv-catalog-<stage>')
    .addOption(
      new Option('--state-machine-arn <arn>', 'the state machine, instead of --stage').conflicts(
        'stage',
      ),
    )
    .option('--region <region>', 'AWS region (default: AWS_REGION, or the profile’s)')
    .addOption(
      new Option(
        '--status <status>',
        'only executions (or, locally, dropped files: REFUSED, SKIPPED) of this status',
      ).choices(LISTED_STATUSES),
    )
    .option('--limit <n>', 'at most this many executions', parsePositiveInt, 50)
    .option('--json', 'print the executions as one JSON document')
    .action(async (options: ExecutionsOptions) => {
      const { executions } = await import('../commands/executions.js');
      io.exitCode = await executions(options, io);
    });
}
