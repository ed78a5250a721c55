import type { HistoryEvent } from '@aws-sdk/client-sfn';
import type { ExecutionFailure } from './execution-history-source.js';

/**
 * Reads an execution's history newest first (GetExecutionHistory with reverseOrder) until it
 * knows why the execution stopped (ExecutionFailed, TimedOut or Aborted) and the last state
 * it entered, which is the state that failed. Stops reading as soon as both are known.
 */
export async function failureFromHistory(
  pagesNewestFirst: AsyncIterable<HistoryEvent[]>,
): Promise<ExecutionFailure> {
  const failure: ExecutionFailure = {};
  let stopped = false;
  for await (const events of pagesNewestFirst) {
    for (const event of events) {
      const details =
        event.executionFailedEventDetails ??
        event.executionTimedOutEventDetails ??
        event.executionAbortedEventDetails;
      if (details && !stopped) {
        stopped = true;
        failure.error = details.error;
        failure.cause = details.cause;
      }
      if (event.stateEnteredEventDetails?.name) {
        failure.state = event.stateEnteredEventDetails.name;
        return failure;
      }
    }
  }
  return failure;
}
