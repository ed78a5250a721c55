/**
 * What `csv-catalog executions` and `replay` need from a workflow's execution history,
 * wherever it is kept: Step Functions on AWS (sfn-execution-history.ts) or the history the
 * local runner records. Plain data, no SDK types, so both sources fill the same shapes.
 */
export const EXECUTION_STATUSES = [
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'TIMED_OUT',
  'ABORTED',
  'PENDING_REDRIVE',
] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

/**
 * A file dropped at the bucket root that started no execution: REFUSED when filing failed on
 * it (its name, its bytes), SKIPPED when it was not a file to file (not .csv, zero bytes).
 */
export const DROP_STATUSES = ['REFUSED', 'SKIPPED'] as const;
export type DropStatus = (typeof DROP_STATUSES)[number];

/** What `executions --status` filters on: an execution's status or a dropped file's. */
export const LISTED_STATUSES = [...EXECUTION_STATUSES, ...DROP_STATUSES] as const;
export type ListedStatus = ExecutionStatus | DropStatus;

export function isDropStatus(status: ListedStatus | undefined): status is DropStatus {
  return (DROP_STATUSES as readonly string[]).includes(status ?? '');
}

/** Statuses a Standard execution can be redriven from. */
export const UNSUCCESSFUL_STATUSES: readonly ExecutionStatus[] = ['FAILED', 'TIMED_OUT', 'ABORTED'];

/** Where and why an execution stopped short. */
export interface ExecutionFailure {
  /** The state the execution was in when it failed; undefined when it entered none. */
  state?: string;
  error?: string;
  cause?: string;
}

export interface ExecutionSummary {
  /** The execution ARN on AWS; the local runner's id otherwise. */
  id: string;
  name: string;
  status: ExecutionStatus;
  startedAt: Date;
  stoppedAt?: Date;
  /** The table the execution catalogs, from its input. */
  table?: string;
  /** Set for FAILED, TIMED_OUT and ABORTED executions. */
  failure?: ExecutionFailure;
  redriveCount?: number;
}

export interface ExecutionQuery {
  status?: ExecutionStatus;
  /** At most this many executions, newest first. */
  limit: number;
}

/** A dropped file that started no execution, and why (kept by the local stack). */
export interface DropSummary {
  /** The key it was dropped under at the bucket root, where it still is. */
  file: string;
  status: DropStatus;
  /** When filing refused or skipped it. */
  at: Date;
  table?: string;
  /** A refusal's fixed error name (NamingError, CsvFormatError, …). */
  error?: string;
  /** Why, as a sentence naming the file. */
  cause: string;
}

export interface DropQuery {
  status?: DropStatus;
  limit: number;
}

export interface ExecutionHistorySource {
  /** A readable name for messages: the state machine ARN, or the local history folder. */
  readonly description: string;
  listExecutions(query: ExecutionQuery): Promise<ExecutionSummary[]>;
  /** Refused and skipped drops, newest first, where the source keeps them (locally). */
  listDrops?(query: DropQuery): Promise<DropSummary[]>;
}

export interface RedriveResult {
  id: string;
  redrivenAt: Date;
}

export interface ExecutionRedriver {
  /** Restarts an unsuccessful execution from the state that failed; throws RedriveRefused. */
  redrive(id: string): Promise<RedriveResult>;
}
