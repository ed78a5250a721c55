import { readableCause } from '../../shared/aws/readable-cause.js';
import { withLocalCommands } from '../stack/local-hints.js';
import type { ExecutionRecord } from '../workflow/execution-record.js';
import type { DropRecord } from '../workflow/folder-drop-store.js';
import { executionFailure } from '../workflow/local-execution-history.js';
import type { RedriveCheck } from '../workflow/local-workflow-runner.js';
import type {
  ConsoleRow,
  ExecutionRow,
  ExecutionsQuery,
  FileRow,
  Redrivable,
} from './console-api.js';

/**
 * One execution as a row of the console's list (and of `executions` on a running stack). Its
 * cause reads as `executions --dir` prints it: the message, not the runtime's JSON, with the
 * commands it suggests pasted for this folder.
 */
export function executionRow(
  record: ExecutionRecord,
  redrive: RedriveCheck,
  dir: string,
  now: Date = new Date(),
): ExecutionRow {
  const failure = executionFailure(record);
  const stopped = record.stopDate ? Date.parse(record.stopDate) : now.getTime();
  const cause = readableCause(failure?.cause);
  return {
    kind: 'execution',
    name: record.name,
    executionArn: record.executionArn,
    table: record.input.table,
    file: record.input.key,
    sourceKey: record.input.sourceKey,
    status: record.status,
    startedAt: record.startDate,
    ...(record.stopDate ? { stoppedAt: record.stopDate } : {}),
    durationMs: Math.max(0, stopped - Date.parse(record.startDate)),
    ...(failure
      ? {
          failure: {
            ...(failure.state ? { state: failure.state } : {}),
            ...(failure.error ? { error: failure.error } : {}),
            ...(cause ? { cause: withLocalCommands(cause, dir) } : {}),
          },
        }
      : {}),
    redriveCount: record.redriveCount ?? 0,
    redrive: redrivable(redrive, dir),
  };
}

/** The check without the state's input; a refusal with the commands it names for this folder. */
export function redrivable(check: RedriveCheck, dir: string): Redrivable {
  return check.possible
    ? { possible: true, fromState: check.fromState }
    : { possible: false, reason: withLocalCommands(check.reason, dir) };
}

/** A dropped file that filing refused or skipped. */
export function fileRow(drop: DropRecord): FileRow {
  return {
    kind: 'file',
    name: drop.sourceKey,
    ...(drop.table ? { table: drop.table } : {}),
    status: drop.status,
    startedAt: drop.at,
    ...(drop.error ? { error: drop.error } : {}),
    cause: drop.cause,
  };
}

/** What GET /api/executions takes beside the contract's query: only one kind of row. */
export interface RowsQuery extends ExecutionsQuery {
  kind?: ConsoleRow['kind'];
}

/** Newest first, filtered by status, table and kind, at most `limit` (default 200). */
export function selectRows(rows: ConsoleRow[], query: RowsQuery): ConsoleRow[] {
  return rows
    .filter((row) => !query.kind || row.kind === query.kind)
    .filter((row) => !query.status || row.status === query.status)
    .filter((row) => !query.table || row.table === query.table)
    .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt))
    .slice(0, query.limit ?? DEFAULT_ROWS);
}

export const DEFAULT_ROWS = 200;
