import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import type { ReplayOptions } from '../commands/replay.js';
import { addLocalStackOptions } from '../local-stack-options.js';

export function registerReplayCommand(program: Command, io: CliIo): Command {
  const command = program
    .command('replay')
    .description(
      'Redrive a failed, timed-out or aborted execution: it resumes at the state that failed, with the same input (Standard workflows, up to 14 days after it stopped).',
    )
    .argument(
      '<execution>',
      "an execution ARN on AWS, or a local execution's name (csv-catalog executions lists them)",
    )
    .option('--region <region>', "AWS region (default: the ARN's)")
    .option('--verbose', 'log every step to stderr (local)');
  addLocalStackOptions(command, true).action(async (execution: string, options: ReplayOptions) => {
    const { replay } = await import('../commands/replay.js');
    io.exitCode = await replay(execution, options, io);
  });
  return command;
}
