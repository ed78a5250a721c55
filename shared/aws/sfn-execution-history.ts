import {
  DescribeExecutionCommand,
  type ExecutionListItem,
  paginateGetExecutionHistory,
  paginateListExecutions,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import pLimit from 'p-limit';
import { failureFromHistory } from './execution-failure.js';
import {
  type ExecutionHistorySource,
  type ExecutionQuery,
  type ExecutionStatus,
  type ExecutionSummary,
  UNSUCCESSFUL_STATUSES,
} from './execution-history-source.js';

/** Executions described at once: ListExecutions pages hold up to 100. */
const DESCRIBE_CONCURRENCY = 4;
const MAX_PAGE_SIZE = 100;

/** The executions of one deployed state machine, from Step Functions. */
export class SfnExecutionHistory implements ExecutionHistorySource {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  get description(): string {
    return this.stateMachineArn;
  }

  async listExecutions(query: ExecutionQuery): Promise<ExecutionSummary[]> {
    const items = await this.listItems(query);
    const limit = pLimit(DESCRIBE_CONCURRENCY);
    return Promise.all(items.map((item) => limit(() => this.summarize(item))));
  }

  /** ListExecutions, newest first, across pages until `limit`. */
  private async listItems(query: ExecutionQuery): Promise<ExecutionListItem[]> {
    const items: ExecutionListItem[] = [];
    const pages = paginateListExecutions(
      { client: this.client, pageSize: Math.min(query.limit, MAX_PAGE_SIZE) },
      { stateMachineArn: this.stateMachineArn, statusFilter: query.status },
    );
    for await (const page of pages) {
      items.push(...(page.executions ?? []));
      if (items.length >= query.limit) break;
    }
    return items.slice(0, query.limit);
  }

  /** DescribeExecution for the input's table; the history for why it failed. */
  private async summarize(item: ExecutionListItem): Promise<ExecutionSummary> {
    const executionArn = item.executionArn ?? '';
    const described = await this.client.send(new DescribeExecutionCommand({ executionArn }));
    const status = (described.status ?? item.status) as ExecutionStatus;
    const record: ExecutionSummary = {
      id: executionArn,
      name: item.name ?? described.name ?? executionArn,
      status,
      startedAt: described.startDate ?? item.startDate ?? new Date(0),
      stoppedAt: described.stopDate ?? item.stopDate,
      table: tableOf(described.input),
      redriveCount: described.redriveCount ?? item.redriveCount,
    };
    if (UNSUCCESSFUL_STATUSES.includes(status)) {
      const failure = await failureFromHistory(this.historyNewestFirst(executionArn));
      record.failure = {
        state: failure.state,
        error: failure.error ?? described.error,
        cause: failure.cause ?? described.cause,
      };
    }
    return record;
  }

  private async *historyNewestFirst(executionArn: string) {
    const pages = paginateGetExecutionHistory(
      { client: this.client },
      { executionArn, reverseOrder: true },
    );
    for await (const page of pages) yield page.events ?? [];
  }
}

/** The `table` of a workflow input (shared/workflow/workflow-input.ts), if it has one. */
function tableOf(input: string | undefined): string | undefined {
  if (!input) return undefined;
  try {
    const table = (JSON.parse(input) as { table?: unknown }).table;
    return typeof table === 'string' ? table : undefined;
  } catch {
    return undefined;
  }
}
