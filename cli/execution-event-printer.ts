import { withLocalCommands } from '../local/stack/local-hints.js';
import { shellArg } from '../local/stack/shell-arg.js';
import type { ExecutionRecord, HistoryEvent } from '../local/workflow/execution-record.js';
import { readableCause } from '../shared/aws/readable-cause.js';
import type { FilingOutcome } from '../shared/filing/filing-outcome.js';

/**
 * One line per state change of every execution, and a final line per execution: what the
 * Step Functions console shows, in a terminal. Polling states (Wait, Choice, Pass) are left
 * out of the entered lines: a crawl would print dozens.
 */
export function executionEventLine(
  record: ExecutionRecord,
  event: HistoryEvent,
  /** The stack's --dir, for the replay command a failure line suggests. */
  dir?: string,
): string | undefined {
  const at = new Date(event.timestamp).toISOString().slice(11, 19);
  const who = `${at}  ${record.input.table.padEnd(24)}`;
  switch (event.type) {
    case 'ExecutionStarted':
      return `${who} started      ${record.name} (${record.input.key})`;
    case 'ExecutionRedriven':
      return `${who} redriven     ${record.name}`;
    case 'StateEntered':
      return event.stateType === 'Task' ? `${who} ${event.stateName}…` : undefined;
    case 'StateRetried':
      return `${who} ${event.stateName} retrying (${event.error ?? 'error'})`;
    case 'StateCaught':
      return `${who} ${event.stateName} caught ${event.error ?? ''}`;
    case 'StateFailed':
      return `${who} ${event.stateName} failed: ${event.error ?? ''}${event.cause ? ` — ${readableCause(event.cause)}` : ''}`;
    case 'ExecutionSucceeded':
      return `${who} SUCCEEDED in ${seconds(record, event)} — ${whatChanged(event.output)}`;
    case 'ExecutionFailed': {
      const failed = `${who} FAILED in ${seconds(record, event)} — ${event.error ?? ''}${event.cause ? `: ${localCause(event.cause, dir)}` : ''}`;
      // A redrive of an execution that ended at a Fail state is refused (it would fail there
      // again): its cause says what to run instead (sync), so no replay is offered.
      if (endedAtFailState(record)) return failed;
      return `${failed}\n${' '.repeat(34)}replay it: npx csv-catalog replay ${shellArg(record.name)}${dir ? ` --dir ${shellArg(dir)}` : ''}`;
    }
    case 'ExecutionAborted':
      return `${who} ABORTED`;
    default:
      return undefined;
  }
}

function endedAtFailState(record: ExecutionRecord): boolean {
  return record.events.findLast((e) => e.type === 'StateEntered')?.stateType === 'Fail';
}

function localCause(cause: string, dir: string | undefined): string {
  const readable = readableCause(cause) ?? cause;
  return dir ? withLocalCommands(readable, dir) : readable;
}

function seconds(record: ExecutionRecord, event: HistoryEvent): string {
  return `${((event.timestamp - Date.parse(record.startDate)) / 1000).toFixed(1)}s`;
}

/** The execution's output in a few words: crawl, catalog changes, MySQL statements. */
function whatChanged(output: unknown): string {
  const o = record(output);
  if (o.superseded === true)
    return `superseded: ${String(o.reason ?? 'a newer snapshot is in place')}`;
  const crawl = record(o.crawl);
  const catalog = record(o.catalog);
  const mysql = record(o.mysql);
  // Lists are `{ count, first }` (the state keeps the first few) or, in older records, arrays.
  const count = (v: unknown) =>
    Array.isArray(v) ? v.length : typeof v === 'number' ? v : Number(record(v).count ?? 0);
  const parts = [
    crawl.crawl ? 'crawled' : 'crawl skipped',
    `catalog: ${count(catalog.renamed)} renamed, ${count(catalog.retyped)} retyped, ${count(catalog.added)} added`,
    mysql.created ? 'MySQL table created' : `MySQL: ${count(mysql.statements)} statement(s)`,
  ];
  return parts.join('; ');
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/**
 * A line for a dropped file that starts no execution (refused or skipped), in the columns of
 * the execution lines; a filed file says nothing here: its execution's lines follow.
 */
export function filingLine(outcome: FilingOutcome, at: Date = new Date()): string | undefined {
  if (outcome.status === 'filed') return undefined;
  const table = (outcome.status === 'failed' ? outcome.table : undefined) ?? '-';
  const who = `${at.toISOString().slice(11, 19)}  ${table.padEnd(24)}`;
  return outcome.status === 'failed'
    ? `${who} REFUSED      ${outcome.sourceKey} — ${outcome.error}: ${outcome.reason}`
    : `${who} SKIPPED      ${outcome.sourceKey} — ${outcome.reason}`;
}
