import type { ExecutionDetail } from '../local/console/console-api.js';
import type { StackState } from '../local/console/stack-operations.js';
import {
  type ExecutionView,
  filingRow,
  type RunReport,
  syncRows,
  type WorkflowViewOf,
} from '../local/stack/run-report.js';
import { summarizeStates } from '../local/workflow/execution-record.js';
import { causeAbout } from '../shared/aws/readable-cause.js';
import type { FilingOutcome } from '../shared/filing/filing-outcome.js';
import type { SyncOutcome } from '../shared/sync/resync-table.js';
import type { ConsoleClient } from './console-client.js';
import { recordedCause, waitForExecution } from './console-wait.js';

/**
 * The run report of `sync` and `backfill --dir` when their work went to the stack running on
 * the folder (its console): the rows built as run-report.ts builds them for a stack of the
 * command's own, from the API's answers once every execution they started has ended.
 */

/** One row per table synced. */
export async function syncReport(
  client: ConsoleClient,
  outcomes: readonly SyncOutcome[],
): Promise<RunReport> {
  return withState(client, await syncRows(outcomes, consoleWorkflowView(client)));
}

/** One row per object that was at the bucket root. */
export async function filingReport(
  client: ConsoleClient,
  outcomes: readonly FilingOutcome[],
): Promise<RunReport> {
  const view = consoleWorkflowView(client);
  const executions: ExecutionView[] = [];
  for (const filing of outcomes) {
    const upload = { file: filing.sourceKey, key: filing.sourceKey };
    executions.push(await filingRow(upload, filing, view));
  }
  return withState(client, executions);
}

/** How an execution ended, once it has, as the stack's console tells it. */
function consoleWorkflowView(client: ConsoleClient): WorkflowViewOf {
  return async (name, table) => {
    const detail: ExecutionDetail = await waitForExecution(client, name);
    const { execution } = detail;
    return {
      status: execution.status,
      error: execution.failure?.error ?? null,
      cause: causeAbout(table, recordedCause(detail)) ?? null,
      states: summarizeStates(detail.events).map((s) => ({ name: s.name, status: s.status })),
      execution: name,
      durationMs: execution.stoppedAt ? execution.durationMs : null,
      output: detail.output ?? null,
    };
  };
}

async function withState(client: ConsoleClient, executions: ExecutionView[]): Promise<RunReport> {
  const state = await client.get<StackState>('/api/stack-state');
  return { executions, ...state };
}
