import { join } from 'node:path';
import type {
  ExecutionHistorySource,
  ExecutionQuery,
  ExecutionSummary,
} from '../../shared/aws/execution-history-source.js';
import { type ExecutionRecord, summarizeStates, unfinishedState } from './execution-record.js';
import { FolderExecutionStore } from './folder-execution-store.js';

/** The executions the local runner recorded under `<dir>/executions`, newest first. */
export class LocalExecutionHistory implements ExecutionHistorySource {
  readonly description: string;
  private readonly store: FolderExecutionStore;

  constructor(dir: string) {
    const folder = join(dir, 'executions');
    this.description = `the local history in ${folder}`;
    this.store = new FolderExecutionStore(folder, { readOnly: true });
  }

  async listExecutions(query: ExecutionQuery): Promise<ExecutionSummary[]> {
    return this.store
      .list()
      .reverse()
      .map(toSummary)
      .filter((s) => !query.status || s.status === query.status)
      .slice(0, query.limit);
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
  if (record.status === 'FAILED' || record.status === 'ABORTED' || record.status === 'TIMED_OUT') {
    const failedState =
      summarizeStates(record.events).findLast((s) => s.status === 'FAILED')?.name ??
      unfinishedState(record.events)?.stateName;
    summary.failure = { state: failedState, error: record.error, cause: record.cause };
  }
  return summary;
}
