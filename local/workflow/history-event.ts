import type { StateMachine } from 'aws-local-stepfunctions';
import type { HistoryEvent } from './execution-record.js';
import { toJsonValue } from './json-value.js';

/** An event of aws-local-stepfunctions' log (the library does not export the type itself). */
export type LibraryEvent =
  ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

/** Flattens a library event into the history's plain JSON shape. */
export function toHistoryEvent(event: LibraryEvent): HistoryEvent {
  const history: HistoryEvent = { type: event.type, timestamp: event.timestamp };
  if ('state' in event) {
    history.stateName = event.state.name;
    history.stateType = event.state.type;
    history.input = toJsonValue(event.state.input);
    if (event.type === 'StateExited') history.output = toJsonValue(event.state.output);
  }
  if (event.type === 'ExecutionStarted') history.input = toJsonValue(event.input);
  if (event.type === 'ExecutionSucceeded') history.output = toJsonValue(event.output);
  if ('Error' in event) {
    history.error = String(event.Error);
    history.cause = causeText(event.Cause);
  }
  if (event.type === 'StateRetried') history.retryAttempt = event.retry.attempt;
  return history;
}

/** The library reports `error.cause ?? error.message`: an Error, a string, or anything. */
function causeText(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  if (typeof cause === 'string') return cause;
  return JSON.stringify(cause) ?? '';
}
