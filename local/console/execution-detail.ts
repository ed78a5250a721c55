import {
  type ExecutionRecord,
  type HistoryEvent,
  summarizeStates,
} from '../workflow/execution-record.js';
import type { JsonValue } from '../workflow/json-value.js';
import type {
  ExecutionDetail,
  ExecutionRow,
  StateMachineView,
  StateRun,
  StateRunStatus,
} from './console-api.js';

/**
 * One execution as the console's graph view shows it: a StateRun for every state of the ASL,
 * in the view's order (NOT_RUN where the execution never entered it), each with its last
 * visit's input, output, error and cause; and the whole history, numbered from 1.
 */
export function executionDetail(
  record: ExecutionRecord,
  row: ExecutionRow,
  view: StateMachineView,
): ExecutionDetail {
  const summaries = new Map(summarizeStates(record.events).map((s) => [s.name, s]));
  const lastVisits = lastVisitsOf(record.events);
  const states = view.states.map((node): StateRun => {
    const summary = summaries.get(node.name);
    if (!summary) return { name: node.name, status: 'NOT_RUN', entered: 0, retries: 0 };
    const visit = lastVisits.get(node.name);
    return {
      name: node.name,
      status: runStatus(summary.status, record.status),
      entered: summary.entered,
      retries: summary.retries,
      ...(visit?.input !== undefined ? { input: visit.input } : {}),
      ...(visit?.output !== undefined ? { output: visit.output } : {}),
      ...(summary.error ? { error: summary.error } : {}),
      ...(summary.cause ? { cause: summary.cause } : {}),
    };
  });
  return {
    execution: row,
    input: record.input as unknown as JsonValue,
    ...(record.output !== undefined ? { output: record.output } : {}),
    states,
    events: record.events.map((event, i) => ({ ...event, id: i + 1 })),
  };
}

/**
 * A state still RUNNING in an execution that stopped was cut short there (a Fail state, an
 * abort): drawn as failed, as the Step Functions console does.
 */
function runStatus(
  status: 'RUNNING' | 'SUCCEEDED' | 'CAUGHT' | 'FAILED',
  execution: ExecutionRecord['status'],
): StateRunStatus {
  return status === 'RUNNING' && execution !== 'RUNNING' ? 'FAILED' : status;
}

/** Each state's last input (its last StateEntered) and the output of its last exit after it. */
function lastVisitsOf(
  events: readonly HistoryEvent[],
): Map<string, { input?: JsonValue; output?: JsonValue }> {
  const visits = new Map<string, { input?: JsonValue; output?: JsonValue }>();
  for (const event of events) {
    if (!event.stateName) continue;
    if (event.type === 'StateEntered') visits.set(event.stateName, { input: event.input });
    if (event.type === 'StateExited') {
      const visit = visits.get(event.stateName) ?? {};
      visits.set(event.stateName, { ...visit, output: event.output });
    }
  }
  return visits;
}
