import { HistoryEventCount, payloadFailure, type QuotaFailure } from './execution-quotas.js';
import type { ExecutionRecord, HistoryEvent } from './execution-record.js';
import type { JsonValue } from './json-value.js';
import type { TaskHandler } from './lambda-stand-in.js';

/**
 * Step Functions' quotas on one execution (execution-quotas.ts), as the runner applies them:
 * every history event is counted as AWS would log it and every state's input and output is
 * measured; every Task is gated, so that nothing runs once the execution has failed. A quota
 * passed ends the execution at once with AWS's error, which no Retry or Catch sees (the
 * library would let a `States.ALL` catch it): the state fails, then the execution.
 */
export class ExecutionQuotaGuard {
  private readonly count = new HistoryEventCount();
  private failure: QuotaFailure | undefined;
  private abort: () => void = () => undefined;

  constructor(
    private readonly record: ExecutionRecord,
    /** Called with each event the guard adds to the record (the execution's end included). */
    private readonly recorded: (event: HistoryEvent) => void,
  ) {
    // A redrive goes on with the same history, and with its count.
    for (const event of record.events) this.count.admit(event);
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  onFailure(abort: () => void): void {
    this.abort = abort;
  }

  /** Counts the event and measures its payload; false when it ended the execution instead. */
  admit(event: HistoryEvent): boolean {
    const failure =
      this.count.admit(event) ??
      (event.stateName && event.type === 'StateEntered'
        ? payloadFailure('input', event.stateName, event.stateType ?? '', event.input)
        : undefined) ??
      (event.stateName && event.type === 'StateExited'
        ? payloadFailure('result', event.stateName, event.stateType ?? '', event.output)
        : undefined);
    if (!failure) return true;
    this.fail(failure);
    return false;
  }

  /**
   * Each Task's handler behind a gate: it waits for the history to catch up with the library
   * (its events arrive asynchronously) and runs nothing once the execution failed; the task's
   * input (after Parameters) and its result (before ResultSelector) are measured.
   */
  gatedTasks(handlers: Record<string, TaskHandler>): Record<string, TaskHandler> {
    return Object.fromEntries(
      Object.entries(handlers).map(([stateName, handler]) => [
        stateName,
        async (input: JsonValue) => {
          await new Promise((resolve) => setImmediate(resolve));
          this.failIf(payloadFailure('input', stateName, 'Task', input));
          if (this.failed) return never();
          const output = await handler(input);
          this.failIf(payloadFailure('result', stateName, 'Task', output));
          return this.failed ? never() : output;
        },
      ]),
    );
  }

  private failIf(failure: QuotaFailure | undefined): void {
    if (failure && !this.failed) this.fail(failure);
  }

  private fail(failure: QuotaFailure): void {
    this.failure = failure;
    const timestamp = Date.now();
    const { error, cause, stateName, stateType } = failure;
    const events: HistoryEvent[] = [
      ...(stateName
        ? [{ type: 'StateFailed', timestamp, stateName, stateType, error, cause }]
        : []),
      { type: 'ExecutionFailed', timestamp, error, cause },
    ];
    for (const event of events) {
      this.record.events.push(event);
      this.recorded(event);
    }
    this.abort();
  }
}

/** A task that never answers: the execution it belongs to was ended (aborted) meanwhile. */
function never(): Promise<JsonValue> {
  return new Promise(() => undefined);
}
