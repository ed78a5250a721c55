import { join } from 'node:path';
import type { RedriveAnswer } from '../local/console/console-api.js';
import { withLocalCommands } from '../local/stack/local-hints.js';
import { shellArg } from '../local/stack/shell-arg.js';
import { type StateSummary, summarizeStates } from '../local/workflow/execution-record.js';
import { FolderExecutionStore } from '../local/workflow/folder-execution-store.js';
import { readableCause } from '../shared/aws/readable-cause.js';
import { ExecutionNotFound, ExecutionNotRedrivable } from '../shared/errors.js';
import type { CliIo } from './cli-io.js';
import { type ConsoleClient, ConsoleRequestFailed, runningConsole } from './console-client.js';
import { recordedCause, waitForExecution } from './console-wait.js';
import { ExitCode } from './exit-code.js';
import { formatTable } from './format-table.js';
import type { LocalStackCliOptions } from './local-stack-options.js';
import { openLocalStack } from './open-local-stack.js';

/**
 * Redrives an execution of the local runner: the stack comes up on its folder, the
 * execution resumes at the state that did not finish with that state's recorded input, and
 * the command waits for it to end. States that succeeded are not run again.
 */
export async function localReplay(
  execution: string,
  options: LocalStackCliOptions & { verbose?: boolean },
  io: CliIo,
): Promise<ExitCode> {
  const name = execution.startsWith('arn:') ? (execution.split(':').at(-1) ?? '') : execution;
  // A stack runs on the folder with its console: the redrive happens in that stack.
  const client = runningConsole(options.dir);
  if (client) return replayInRunningStack(client, name, options.dir, io);
  // Refusals are answered from the recorded history, without starting the stack.
  const recorded = new FolderExecutionStore(join(options.dir, 'executions'), {
    readOnly: true,
  }).get(name);
  if (!recorded) {
    io.stderr.write(
      `csv-catalog replay: no execution named ${name} in ${options.dir} (npx csv-catalog executions --dir ${shellArg(options.dir)} lists them)\n`,
    );
    return ExitCode.Failed;
  }
  const { stack } = await openLocalStack(options, io);
  try {
    const { fromState } = await stack.workflow.redrive(name);
    io.stdout.write(`redriving ${name} from ${fromState}\n`);
    const result = await stack.workflow.wait(name);
    return printReplayResult(result, options.dir, io);
  } catch (error) {
    if (!(error instanceof ExecutionNotRedrivable || error instanceof ExecutionNotFound))
      throw error;
    // A refusal at a Fail state quotes its cause: the sync it names must be this folder's.
    io.stderr.write(`csv-catalog replay: ${withLocalCommands(error.message, options.dir)}\n`);
    return ExitCode.Failed;
  } finally {
    await stack.close();
  }
}

/**
 * The redrive through the console of the stack running on the folder: its terminal prints the
 * execution's events; this command waits for the end and prints what a replay prints.
 */
async function replayInRunningStack(
  client: ConsoleClient,
  name: string,
  dir: string,
  io: CliIo,
): Promise<ExitCode> {
  let fromState: string;
  try {
    ({ fromState } = await client.post<RedriveAnswer>(
      `/api/executions/${encodeURIComponent(name)}/redrive`,
      {},
    ));
  } catch (error) {
    if (!(error instanceof ConsoleRequestFailed)) throw error;
    if (error.error === 'ExecutionNotFound') {
      io.stderr.write(
        `csv-catalog replay: no execution named ${name} in ${dir} (npx csv-catalog executions --dir ${shellArg(dir)} lists them)\n`,
      );
      return ExitCode.Failed;
    }
    if (error.error !== 'ExecutionNotRedrivable') throw error;
    io.stderr.write(`csv-catalog replay: ${error.message}\n`);
    return ExitCode.Failed;
  }
  io.stdout.write(`redriving ${name} from ${fromState}\n`);
  const detail = await waitForExecution(client, name);
  return printReplayResult(
    {
      name,
      status: detail.execution.status,
      error: detail.execution.failure?.error,
      cause: recordedCause(detail),
      states: summarizeStates(detail.events),
    },
    dir,
    io,
  );
}

/** The states' table and how the execution ended; Ok only when it succeeded. */
function printReplayResult(
  result: { name: string; status: string; error?: string; cause?: string; states: StateSummary[] },
  dir: string,
  io: CliIo,
): ExitCode {
  const { name } = result;
  io.stdout.write(
    `${formatTable(
      ['state', 'status', 'entered', 'retries'],
      result.states.map((s) => [s.name, s.status, String(s.entered), String(s.retries)]),
    )}\n${name}: ${result.status}${result.cause ? ` — ${result.error ? `${result.error}: ` : ''}${withLocalCommands(readableCause(result.cause) ?? '', dir)}` : ''}\n`,
  );
  return result.status === 'SUCCEEDED' ? ExitCode.Ok : ExitCode.Failed;
}
