import type { WorkflowInput } from '../../shared/workflow/workflow-input.js';
import type { JsonValue } from './json-value.js';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT';

/**
 * One event of an execution's history, flattened from aws-local-stepfunctions' event log into
 * plain JSON: the facts the Step Functions console shows (state entered with its input, exited
 * with its output, failed, retried, caught; the execution started, succeeded or failed).
 */
export interface HistoryEvent {
  type: string;
  /** Epoch milliseconds. */
  timestamp: number;
  stateName?: string;
  stateType?: string;
  input?: JsonValue;
  output?: JsonValue;
  error?: string;
  cause?: string;
  /** StateRetried: the retrier's attempt that follows. */
  retryAttempt?: number;
}

/** One execution, as the local runner keeps it: plain JSON, so a folder can hold it later. */
export interface ExecutionRecord {
  name: string;
  executionArn: string;
  stateMachine: string;
  status: ExecutionStatus;
  input: WorkflowInput;
  startDate: string;
  stopDate?: string;
  output?: JsonValue;
  error?: string;
  cause?: string;
  events: HistoryEvent[];
  /** Times the execution was redriven from its failed state. */
  redriveCount?: number;
}

/** How a state fared, last visit first in importance: what the console colours it. */
export interface StateSummary {
  name: string;
  type: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'CAUGHT' | 'FAILED';
  /** Times the state was entered (a polling loop enters states many times). */
  entered: number;
  retries: number;
  /** The last error the state raised, retried, caught or not. */
  error?: string;
  cause?: string;
}

/** The states an execution went through, in the order first entered. */
export function summarizeStates(events: readonly HistoryEvent[]): StateSummary[] {
  const states = new Map<string, StateSummary>();
  for (const event of events) {
    if (!event.stateName) continue;
    let state = states.get(event.stateName);
    if (!state) {
      state = {
        name: event.stateName,
        type: event.stateType ?? '',
        status: 'RUNNING',
        entered: 0,
        retries: 0,
      };
      states.set(event.stateName, state);
    }
    applyEvent(state, event);
  }
  return [...states.values()];
}

function applyEvent(state: StateSummary, event: HistoryEvent): void {
  switch (event.type) {
    case 'StateEntered':
      state.entered += 1;
      state.status = 'RUNNING';
      break;
    case 'StateFailed':
      state.status = 'FAILED';
      state.error = event.error;
      state.cause = event.cause;
      break;
    case 'StateRetried':
      state.retries += 1;
      state.status = 'RUNNING';
      break;
    case 'StateCaught':
      state.status = 'CAUGHT';
      break;
    case 'StateExited':
      if (state.status !== 'CAUGHT') state.status = 'SUCCEEDED';
      break;
  }
}

/**
 * The state a redrive starts from: the last state entered and not exited, with the input it
 * received. Undefined when every entered state finished.
 */
export function unfinishedState(
  events: readonly HistoryEvent[],
): { stateName: string; input: JsonValue } | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i];
    if (event?.type === 'StateExited') return undefined;
    if (event?.type === 'StateEntered' && event.stateName && event.input !== undefined) {
      return { stateName: event.stateName, input: event.input };
    }
  }
  return undefined;
}
