/**
 * The control API `local up` serves on loopback, shared by the browser console and the CLI
 * (`executions`, `replay`, `sync`, `backfill`, `tables` when a stack runs on their --dir).
 * Plain JSON shapes only: the browser bundle imports this file's types, never Node code.
 *
 * Routes (all under the console's own origin, http://127.0.0.1:<port>):
 *   GET  /                                  the console page (and its /console.js, /console.css)
 *   GET  /api/session                       ConsoleSession (the page reads its token here)
 *   GET  /api/state-machine                 StateMachineView
 *   GET  /api/executions?status=&table=&limit=   { rows: ConsoleRow[] } newest first
 *   GET  /api/executions/:name[?history=none]   ExecutionDetail (404 ApiError when unknown;
 *                                           history=none: `events` empty, for pollers)
 *   POST /api/executions/:name/redrive      RedriveAnswer (409 ApiError when refused)
 *   GET  /api/tables?table=a&table=b        { tables: TableOverview[] }
 *   POST /api/sync         SyncRequest      { outcomes: SyncOutcome[] }
 *   POST /api/backfill     BackfillRequest  { outcomes: FilingOutcome[] }
 *   GET  /api/events                        text/event-stream of ConsoleEvent (`data:` JSON)
 *
 * Every request whose Host is not the console's own (127.0.0.1:<port> or localhost:<port>)
 * is refused 403, and so is any request carrying an Origin that is not the console's own
 * (DNS rebinding, a page in another tab). A POST also needs the per-start token in
 * CONSOLE_TOKEN_HEADER and `Content-Type: application/json` (403 without them).
 */
import type { ExecutionStatus, ListedStatus } from '../../shared/aws/execution-history-source.js';
import type { FilingOutcome } from '../../shared/filing/filing-outcome.js';
import type { SyncOutcome } from '../../shared/sync/resync-table.js';
import type { TableOverview } from '../../shared/tables/table-overview.js';
import type { HistoryEvent } from '../workflow/execution-record.js';
import type { JsonValue } from '../workflow/json-value.js';

export type { FilingOutcome, HistoryEvent, JsonValue, SyncOutcome, TableOverview };

export const DEFAULT_CONSOLE_PORT = 4600;
export const CONSOLE_TOKEN_HEADER = 'x-csv-catalog-token';

export interface ConsoleSession {
  /** Sent back in CONSOLE_TOKEN_HEADER on every POST; new at every start of the stack. */
  token: string;
  bucket: string;
  s3Endpoint: string;
  glueEndpoint: string;
  /** The Glue database. */
  database: string;
  /** Where MySQL tables go, without any password: `mysql://user@host:port/db` or `DDL to <dir>`. */
  mysql: string;
  /** The stack's folder (--dir) as the user gave it. */
  dir: string;
  stateMachine: string;
}

/** Whether an execution can be redriven now, and if not, why (a sentence for the button). */
export type Redrivable =
  | { possible: true; fromState: string }
  | { possible: false; reason: string };

/** One row of the executions list: an execution, or a dropped file filing refused or skipped. */
export type ConsoleRow = ExecutionRow | FileRow;

export interface ExecutionRow {
  kind: 'execution';
  name: string;
  executionArn: string;
  table: string;
  /** The file the execution runs for (its input's key) and the key it was dropped under. */
  file: string;
  sourceKey: string;
  status: ExecutionStatus;
  /** ISO times. */
  startedAt: string;
  stoppedAt?: string;
  /** Until it stopped, or until now while it runs. */
  durationMs: number;
  failure?: { state?: string; error?: string; cause?: string };
  redriveCount: number;
  redrive: Redrivable;
}

export interface FileRow {
  kind: 'file';
  /** The key at the bucket root. */
  name: string;
  table?: string;
  status: 'REFUSED' | 'SKIPPED';
  startedAt: string;
  error?: string;
  /** Why, as a sentence naming the file. */
  cause: string;
}

export interface ExecutionsQuery {
  status?: ListedStatus;
  table?: string;
  limit?: number;
}

/** A state of the ASL as the console draws it, in the order the workflow reaches it. */
export interface StateNode {
  name: string;
  type: string;
  comment?: string;
  /** Where it goes next and why: `Next`, `Default`, a Choice rule, `Catch States.ALL`. */
  transitions: { to: string; label: string }[];
  /** Ends the execution (End: true, Succeed, Fail). */
  end: boolean;
}

export interface StateMachineView {
  name: string;
  /** The ASL file the graph is drawn from (the very file deployed). */
  file: string;
  startAt: string;
  /** Every state, reachable ones first in visiting order from StartAt. */
  states: StateNode[];
}

export type StateRunStatus = 'NOT_RUN' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CAUGHT';

/** How one state of the ASL fared in one execution. */
export interface StateRun {
  name: string;
  status: StateRunStatus;
  /** Times entered (a polling loop enters states many times), times retried. */
  entered: number;
  retries: number;
  /** Of the last visit. */
  input?: JsonValue;
  output?: JsonValue;
  error?: string;
  cause?: string;
}

export interface ExecutionDetail {
  execution: ExecutionRow;
  input: JsonValue;
  output?: JsonValue;
  /** One per state of StateMachineView.states, same order. */
  states: StateRun[];
  /** The whole history, oldest first, numbered from 1 as the Step Functions console does. */
  events: (HistoryEvent & { id: number })[];
}

export interface RedriveAnswer {
  name: string;
  fromState: string;
}

export interface SyncRequest {
  tables?: string[];
  all?: boolean;
}

export interface BackfillRequest {
  concurrency?: number;
}

/** What /api/events streams: each is one `data:` line of JSON. */
export type ConsoleEvent =
  | { type: 'execution'; row: ExecutionRow; event?: HistoryEvent }
  | { type: 'file'; row: FileRow }
  | { type: 'filed'; sourceKey: string; table: string; execution?: string };

/** Every non-2xx answer. */
export interface ApiError {
  error: string;
  message: string;
}
