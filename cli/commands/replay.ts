import { CommanderError } from 'commander';
import type { ExecutionRedriver } from '../../shared/aws/execution-history-source.js';
import { RedriveRefused } from '../../shared/aws/redrive-refused.js';
import { SfnExecutionRedriver } from '../../shared/aws/sfn-execution-redriver.js';
import type { CliIo } from '../cli-io.js';
import { ExitCode } from '../exit-code.js';
import { localReplay } from '../local-replay.js';
import type { LocalStackCliOptions } from '../local-stack-options.js';
import { executionConsoleUrl, regionOfArn, sfnClient } from './aws-step-functions.js';

export interface ReplayOptions extends LocalStackCliOptions {
  region?: string;
  verbose?: boolean;
}

/** `csv-catalog replay`: on AWS for an execution ARN, else on the local stack's folder. */
export async function replay(
  execution: string,
  options: ReplayOptions,
  io: CliIo,
): Promise<ExitCode> {
  if (!isAwsExecution(execution)) return localReplay(execution, options, io);
  const { redriver, watchAt, close } = executionRedriver(execution, options, io);
  try {
    return await runReplay(redriver, execution, io, watchAt);
  } finally {
    close();
  }
}

/** An execution ARN of a real region; names and the local runner's ARNs are local. */
function isAwsExecution(execution: string): boolean {
  const region = regionOfArn(execution);
  return Boolean(region) && region !== 'local';
}

/**
 * Who redrives: Step Functions for an execution ARN. The local mode (an execution of the
 * local runner's history, --dir) plugs in here.
 */
function executionRedriver(execution: string, options: ReplayOptions, io: CliIo) {
  if (!regionOfArn(execution)) {
    const message = `csv-catalog replay: not a Step Functions execution ARN: ${execution}`;
    io.stderr.write(`${message}\n`);
    // Thrown, not command.error(): that exits the process unless exitOverride reached this command.
    throw new CommanderError(ExitCode.Usage, 'csv-catalog.usage', message);
  }
  const client = sfnClient(options.region ?? regionOfArn(execution));
  return {
    redriver: new SfnExecutionRedriver(client),
    watchAt: executionConsoleUrl(execution),
    close: () => client.destroy(),
  };
}

/** Redrives; a refusal is reported with its reason and exit code Failed. */
export async function runReplay(
  redriver: ExecutionRedriver,
  execution: string,
  io: CliIo,
  watchAt?: string,
): Promise<ExitCode> {
  try {
    const { redrivenAt } = await redriver.redrive(execution);
    io.stdout.write(`redriven ${execution} at ${redrivenAt.toISOString()}\n`);
    if (watchAt) io.stdout.write(`watch it: ${watchAt}\n`);
    return ExitCode.Ok;
  } catch (error) {
    if (!(error instanceof RedriveRefused)) throw error;
    io.stderr.write(`csv-catalog replay: ${error.message}\n`);
    return ExitCode.Failed;
  }
}
