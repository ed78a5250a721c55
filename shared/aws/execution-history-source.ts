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

export interface ExecutionHistorySource {
  /** A readable name for messages: the state machine ARN, or the local history folder. */
  readonly description: string;
  listExecutions(query: ExecutionQuery): Promise<ExecutionSummary[]>;
}

export interface RedriveResult {
  id: string;
  redrivenAt: Date;
}

export interface ExecutionRedriver {
  /** Restarts an unsuccessful execution from the state that failed; throws RedriveRefused. */
  redrive(id: string): Promise<RedriveResult>;
}
