import { join } from 'node:path';
import type {
  DropQuery,
  DropSummary,
  ExecutionFailure,
  ExecutionHistorySource,
  ExecutionQuery,
  ExecutionSummary,
} from '../../shared/aws/execution-history-source.js';
import { stackRunsOn } from '../stack/stack-dir-lock.js';
import { type ExecutionRecord, summarizeStates, unfinishedState } from './execution-record.js';
import { FolderDropStore } from './folder-drop-store.js';
import { FolderExecutionStore } from './folder-execution-store.js';
import { interruptedCause } from './interrupted-execution.js';

/**
 * The executions the local runner recorded under `<dir>/executions`, and the files the stack
 * refused or skipped (`<dir>/drops`), newest first.
 */
export class LocalExecutionHistory implements ExecutionHistorySource {
  readonly description: string;
  private readonly store: FolderExecutionStore;
  private readonly drops: FolderDropStore;

  constructor(private readonly dir: string) {
    const folder = join(dir, 'executions');
    this.description = `the local history in ${folder}`;
    this.store = new FolderExecutionStore(folder, { readOnly: true });
    this.drops = new FolderDropStore(join(dir, 'drops'), { readOnly: true });
    this.stackRuns = stackRunsOn(dir);
  }

  /** Whether a stack runs on the folder: without one, nothing RUNNING runs any more. */
  private readonly stackRuns: boolean;

  async listExecutions(query: ExecutionQuery): Promise<ExecutionSummary[]> {
    return this.store
      .list()
      .reverse()
      .map((record) => toSummary(this.stackRuns ? record : interrupted(record, this.dir)))
      .filter((s) => !query.status || s.status === query.status)
      .slice(0, query.limit);
  }

  async listDrops(query: DropQuery): Promise<DropSummary[]> {
    return this.drops
      .list()
      .reverse()
      .filter((d) => !query.status || d.status === query.status)
      .slice(0, query.limit)
      .map((d) => ({
        file: d.sourceKey,
        status: d.status,
        at: new Date(d.at),
        ...(d.table ? { table: d.table } : {}),
        ...(d.error ? { error: d.error } : {}),
        cause: d.cause,
      }));
  }
}

function toSummary(record: ExecutionRecord): ExecutionSummary {
  const summary: ExecutionSummary = {
    id: record.executionArn,
    name: record.name,
    status: record.status,
    startedAt: new Date(record.startDate),
    stoppedAt: record.stopDate ? new Date(record.stopDate) : undefined,
    table: record.input.table,
    redriveCount: record.redriveCount,
  };
  const failure = executionFailure(record);
  if (failure) summary.failure = failure;
  return summary;
}

/**
 * Where and why an execution stopped short (FAILED, ABORTED, TIMED_OUT): the last state that
 * failed, else the one it was in. Undefined for any other status.
 */
export function executionFailure(record: ExecutionRecord): ExecutionFailure | undefined {
  if (record.status !== 'FAILED' && record.status !== 'ABORTED' && record.status !== 'TIMED_OUT') {
    return undefined;
  }
  const failedState =
    summarizeStates(record.events).findLast((s) => s.status === 'FAILED')?.name ??
    unfinishedState(record.events)?.stateName;
  return { state: failedState, error: record.error, cause: record.cause };
}

/** An execution the history says runs, when no stack runs it: it was aborted by a stop. */
function interrupted(record: ExecutionRecord, stackDir: string): ExecutionRecord {
  if (record.status !== 'RUNNING') return record;
  return {
    ...record,
    status: 'ABORTED',
    cause: interruptedCause(record.name, stackDir),
  };
}
