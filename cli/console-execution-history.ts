import { join } from 'node:path';
import type { ConsoleRow, ExecutionRow, FileRow } from '../local/console/console-api.js';
import type {
  DropQuery,
  DropSummary,
  ExecutionHistorySource,
  ExecutionQuery,
  ExecutionSummary,
} from '../shared/aws/execution-history-source.js';
import type { ConsoleClient } from './console-client.js';

/**
 * The executions and refused or skipped drops of a running stack, through its control API:
 * what `executions --dir` lists while `local up` runs, the same rows its console shows.
 */
export class ConsoleExecutionHistory implements ExecutionHistorySource {
  readonly description: string;

  constructor(
    private readonly client: ConsoleClient,
    dir: string,
  ) {
    // As the folder's history is described when no stack runs: one listing, one wording.
    this.description = `the local history in ${join(dir, 'executions')}`;
  }

  async listExecutions(query: ExecutionQuery): Promise<ExecutionSummary[]> {
    const rows = await this.rows('execution', query.status, query.limit);
    return rows.filter((r): r is ExecutionRow => r.kind === 'execution').map(executionSummary);
  }

  async listDrops(query: DropQuery): Promise<DropSummary[]> {
    const rows = await this.rows('file', query.status, query.limit);
    return rows.filter((r): r is FileRow => r.kind === 'file').map(dropSummary);
  }

  private async rows(kind: ConsoleRow['kind'], status: string | undefined, limit: number) {
    const params = new URLSearchParams({ kind, limit: String(limit) });
    if (status) params.set('status', status);
    return (await this.client.get<{ rows: ConsoleRow[] }>(`/api/executions?${params}`)).rows;
  }
}

function executionSummary(row: ExecutionRow): ExecutionSummary {
  return {
    id: row.executionArn,
    name: row.name,
    status: row.status,
    startedAt: new Date(row.startedAt),
    stoppedAt: row.stoppedAt ? new Date(row.stoppedAt) : undefined,
    table: row.table,
    // The folder's history has none until the first redrive.
    redriveCount: row.redriveCount || undefined,
    ...(row.failure
      ? {
          failure: { state: row.failure.state, error: row.failure.error, cause: row.failure.cause },
        }
      : {}),
  };
}

function dropSummary(row: FileRow): DropSummary {
  return {
    file: row.name,
    status: row.status,
    at: new Date(row.startedAt),
    ...(row.table ? { table: row.table } : {}),
    ...(row.error ? { error: row.error } : {}),
    cause: row.cause,
  };
}
