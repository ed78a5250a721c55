import type { ExecutionDetail } from '../local/console/console-api.js';
import type { StackState } from '../local/console/stack-operations.js';
import type { ExecutionView, RunReport } from '../local/stack/run-report.js';
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

const notRun = {
  error: null,
  cause: null,
  states: [],
  execution: null,
  durationMs: null,
  output: null,
};

/** One row per table synced. */
export async function syncReport(
  client: ConsoleClient,
  outcomes: readonly SyncOutcome[],
): Promise<RunReport> {
  const executions: ExecutionView[] = [];
  for (const o of outcomes) {
    const where = o.key ?? `${o.table}/`;
    const base = { file: where, sourceKey: where, key: o.key ?? null, table: o.table };
    if (o.status !== 'started' || !o.execution) {
      executions.push({
        ...base,
        ...notRun,
        status: o.status === 'skipped' ? 'SKIPPED' : 'FAILED',
        cause: o.reason ?? null,
      });
      continue;
    }
    executions.push({ ...base, ...(await workflowView(client, o.execution.name, o.table)) });
  }
  return withState(client, executions);
}

/** One row per object that was at the bucket root. */
export async function filingReport(
  client: ConsoleClient,
  outcomes: readonly FilingOutcome[],
): Promise<RunReport> {
  const executions: ExecutionView[] = [];
  for (const filing of outcomes) {
    const base = { file: filing.sourceKey, sourceKey: filing.sourceKey, ...notRun };
    if (filing.status === 'skipped') {
      executions.push({ ...base, key: null, table: null, status: 'SKIPPED', cause: filing.reason });
    } else if (filing.status === 'failed') {
      executions.push({
        ...base,
        key: null,
        table: filing.table ?? null,
        status: 'REFUSED',
        error: filing.error,
        cause: filing.reason,
      });
    } else if (!filing.execution) {
      executions.push({ ...base, key: filing.key, table: filing.table, status: 'FILED' });
    } else {
      executions.push({
        ...base,
        key: filing.key,
        table: filing.table,
        ...(await workflowView(client, filing.execution.name, filing.table)),
      });
    }
  }
  return withState(client, executions);
}

/** How an execution ended, once it has. */
async function workflowView(client: ConsoleClient, name: string, table: string) {
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
}

async function withState(client: ConsoleClient, executions: ExecutionView[]): Promise<RunReport> {
  const state = await client.get<StackState>('/api/stack-state');
  return { executions, ...state };
}
