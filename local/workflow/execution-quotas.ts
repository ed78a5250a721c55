import type { HistoryEvent } from './execution-record.js';
import type { JsonValue } from './json-value.js';

/*
 * Step Functions' two quotas on one execution, enforced by the local runner exactly as AWS
 * names them, so that a local success means an AWS success.
 *
 * - 256 KiB: "Maximum input or output size for a task, state, or execution: 256 KiB of data as
 *   a UTF-8 encoded string" (https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html).
 *   Past it the execution fails with `States.DataLimitExceeded`, reported "when the output of a
 *   connector is larger than payload size quota, when the output of a state is larger than
 *   payload size quota, or when, after Parameters processing, the input of a state is larger
 *   than payload size quota"; it is "a terminal error that can't be caught by the States.ALL
 *   error type" (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html).
 *   StartExecution refuses a larger execution input outright (its `input` is limited to 262,144
 *   bytes in UTF-8: https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html).
 * - 25,000 history events: "When an execution reaches 24,999 events, it waits for the next
 *   event to happen. If the event number 25,000 is ExecutionSucceeded, the execution finishes
 *   successfully. If [it] isn't ExecutionSucceeded, the ExecutionFailed event is logged"
 *   (https://docs.aws.amazon.com/step-functions/latest/dg/bp-history-limit.html), with error
 *   `States.Runtime` and cause "The execution reached the maximum number of history events
 *   (25000)." as AWS reports it (seen in github.com/loads/ardere/issues/86 and
 *   github.com/floci-io/floci/issues/2734).
 */

/** 256 KiB, counted in bytes of UTF-8. */
export const MAX_PAYLOAD_BYTES = 262_144;
export const MAX_HISTORY_EVENTS = 25_000;

export const DATA_LIMIT_EXCEEDED = 'States.DataLimitExceeded';
export const HISTORY_LIMIT_ERROR = 'States.Runtime';
export const HISTORY_LIMIT_CAUSE = `The execution reached the maximum number of history events (${MAX_HISTORY_EVENTS}).`;

/** Why the runner ended an execution the library would have let run on. */
export interface QuotaFailure {
  /** The state that passed the quota (none for the history limit). */
  stateName?: string;
  stateType?: string;
  error: string;
  cause: string;
}

/** Bytes of the value as Step Functions holds it: JSON text in UTF-8. */
export function payloadBytes(value: JsonValue | undefined): number {
  return Buffer.byteLength(JSON.stringify(value ?? null), 'utf8');
}

/** The cause AWS gives, with the size that passed the quota. */
function dataLimitCause(what: string, stateName: string, bytes: number): string {
  const aws =
    what === 'result'
      ? `The state/task '${stateName}' returned a result with a size exceeding the maximum number of bytes service limit.`
      : `The state/task '${stateName}' has an input with a size exceeding the maximum number of bytes service limit.`;
  return `${aws} (${bytes.toLocaleString('en-US')} bytes of UTF-8 JSON; the quota is ${MAX_PAYLOAD_BYTES.toLocaleString('en-US')})`;
}

/** A payload over 256 KiB: a failure naming the state, or undefined. */
export function payloadFailure(
  what: 'input' | 'result',
  stateName: string,
  stateType: string,
  value: JsonValue | undefined,
): QuotaFailure | undefined {
  const bytes = payloadBytes(value);
  if (bytes <= MAX_PAYLOAD_BYTES) return undefined;
  return {
    stateName,
    stateType,
    error: DATA_LIMIT_EXCEEDED,
    cause: dataLimitCause(what, stateName, bytes),
  };
}

/**
 * Counts an execution's history as Step Functions writes it. The library logs a state's entry
 * and exit; AWS also logs, for a Task, each attempt's TaskScheduled and TaskStarted and its
 * TaskSucceeded or TaskFailed: a Task state that succeeds at once is five events
 * (TaskStateEntered, TaskScheduled, TaskStarted, TaskSucceeded, TaskStateExited), any other
 * state two (entered, exited), a retry three more (TaskFailed, TaskScheduled, TaskStarted).
 */
export class HistoryEventCount {
  private count = 0;
  /** The Task's last attempt failed: its exit (a Catch) has no TaskSucceeded. */
  private attemptFailed = false;

  get events(): number {
    return this.count;
  }

  /**
   * Admits one library event; the history-limit failure when the events AWS would log for it
   * pass 25,000 (the 25,000th may only be ExecutionSucceeded).
   */
  admit(event: HistoryEvent): QuotaFailure | undefined {
    const needed = this.eventsFor(event);
    const ending = event.type === 'ExecutionSucceeded' || event.type === 'ExecutionFailed';
    const limit = ending ? MAX_HISTORY_EVENTS : MAX_HISTORY_EVENTS - 1;
    if (this.count + needed > limit) {
      this.count = MAX_HISTORY_EVENTS;
      return { error: HISTORY_LIMIT_ERROR, cause: HISTORY_LIMIT_CAUSE };
    }
    this.count += needed;
    return undefined;
  }

  /** The AWS history events that stand for one library event. */
  private eventsFor(event: HistoryEvent): number {
    const task = event.stateType === 'Task';
    switch (event.type) {
      case 'StateEntered':
        this.attemptFailed = false;
        return task ? 3 : 1;
      case 'StateFailed':
        this.attemptFailed = true;
        return task ? 1 : 0;
      case 'StateRetried':
        this.attemptFailed = false;
        return task ? 2 : 0;
      case 'StateCaught':
        return 0;
      case 'StateExited':
        return task && !this.attemptFailed ? 2 : 1;
      default:
        // ExecutionStarted, -Succeeded, -Failed, -Aborted, -TimedOut, -Redriven
        return 1;
    }
  }
}
