import { withLocalCommands } from '../../local/stack/local-hints.js';
import { LocalExecutionHistory } from '../../local/workflow/local-execution-history.js';
import {
  type DropSummary,
  type ExecutionHistorySource,
  type ExecutionSummary,
  isDropStatus,
  type ListedStatus,
  UNSUCCESSFUL_STATUSES,
} from '../../shared/aws/execution-history-source.js';
import { causeAbout, readableCause } from '../../shared/aws/readable-cause.js';
import type { CliIo } from '../cli-io.js';
import { runningConsole } from '../console-client.js';
import { ConsoleExecutionHistory } from '../console-execution-history.js';
import { ExitCode } from '../exit-code.js';
import { formatTable } from '../format-table.js';

export interface ExecutionsOptions {
  dir: string;
  stage?: string;
  stateMachineArn?: string;
  region?: string;
  status?: ListedStatus;
  limit: number;
  json?: boolean;
}

const CAUSE_WIDTH = 160;

/** `csv-catalog executions`: from Step Functions (--stage, --state-machine-arn) or --dir. */
export async function executions(options: ExecutionsOptions, io: CliIo): Promise<ExitCode> {
  const { source, close } = await executionSource(options);
  try {
    const onAws = Boolean(options.stage || options.stateMachineArn);
    return await runExecutions(
      source,
      { ...options, localDir: onAws ? undefined : options.dir },
      io,
    );
  } finally {
    close();
  }
}

/**
 * Where the executions come from: Step Functions for --stage or --state-machine-arn, else
 * the console of the stack running on --dir, else the history the local runner recorded there (which needs no AWS SDK: loaded only
 * for AWS, so that listing a local folder starts fast).
 */
async function executionSource(options: ExecutionsOptions) {
  if (options.stage || options.stateMachineArn) {
    const { awsExecutionHistory } = await import('./aws-step-functions.js');
    return awsExecutionHistory(options);
  }
  // A stack that runs on the folder with its console lists its live history through it.
  const client = runningConsole(options.dir);
  const source = client
    ? new ConsoleExecutionHistory(client, options.dir)
    : new LocalExecutionHistory(options.dir);
  return { source, close: () => undefined };
}

/** Prints the executions; exit code Failed when any listed execution did not succeed. */
export async function runExecutions(
  source: ExecutionHistorySource,
  options: Pick<ExecutionsOptions, 'status' | 'limit' | 'json'> & {
    /** The local stack's folder, for the commands causes suggest. */
    localDir?: string;
  },
  io: CliIo,
  now: Date = new Date(),
): Promise<ExitCode> {
  const cause = (text: string | undefined, table?: string) => {
    const readable = causeAbout(table, text);
    return readable && options.localDir ? withLocalCommands(readable, options.localDir) : readable;
  };
  const { status, limit } = options;
  const dropStatus = isDropStatus(status) ? status : undefined;
  const executionStatus = isDropStatus(status) ? undefined : status;
  const records = dropStatus ? [] : await source.listExecutions({ status: executionStatus, limit });
  const drops =
    status && !dropStatus ? [] : ((await source.listDrops?.({ status: dropStatus, limit })) ?? []);
  const rows = newestFirst(records, drops).slice(0, limit);
  if (options.json) {
    io.stdout.write(
      `${JSON.stringify(
        rows.map((r) => asJson(r, now, cause)),
        null,
        2,
      )}\n`,
    );
  } else if (rows.length === 0) {
    const which = status ? ` ${status}` : '';
    io.stdout.write(
      dropStatus
        ? `no${which} files in ${source.description}\n`
        : `no${which} executions of ${source.description}\n`,
    );
  } else {
    io.stdout.write(`${formatRows(rows, now, cause)}\n`);
  }
  const unsuccessful = rows.some((r) =>
    'file' in r ? r.status === 'REFUSED' : UNSUCCESSFUL_STATUSES.includes(r.status),
  );
  return unsuccessful ? ExitCode.Failed : ExitCode.Ok;
}

type Row = ExecutionSummary | DropSummary;

function newestFirst(records: ExecutionSummary[], drops: DropSummary[]): Row[] {
  const at = (r: Row) => ('file' in r ? r.at : r.startedAt).getTime();
  return [...records, ...drops].sort((a, b) => at(b) - at(a));
}

type Cause = (text: string | undefined, table?: string) => string | undefined;

export function formatExecutions(records: ExecutionSummary[], now: Date): string {
  return formatRows(records, now, readableCause);
}

function formatRows(rows: Row[], now: Date, cause: Cause): string {
  return formatTable(
    ['NAME', 'TABLE', 'STATUS', 'STARTED', 'DURATION', 'FAILED STATE', 'CAUSE'],
    rows.map((r) =>
      'file' in r
        ? [
            r.file,
            r.table ?? '-',
            r.status,
            isoSeconds(r.at),
            '-',
            r.status === 'REFUSED' ? 'filing' : '',
            oneLine([r.error, r.cause].filter(Boolean).join(': ')),
          ]
        : [
            r.name,
            r.table ?? '-',
            r.status,
            isoSeconds(r.startedAt),
            formatDuration(durationMs(r, now)),
            r.failure?.state ?? '',
            oneLine([r.failure?.error, cause(r.failure?.cause)].filter(Boolean).join(': ')),
          ],
    ),
  );
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * One JSON object per row. An execution keeps its fields, its failure's cause as a sentence
 * (never the runtime's `{"errorType":…}`: the name is `error`); a dropped file has `file`,
 * `status` REFUSED or SKIPPED, `table` when known, `error` and `cause`.
 */
function asJson(row: Row, now: Date, cause: Cause) {
  if ('file' in row) {
    const { at, ...rest } = row;
    return { kind: 'file' as const, name: row.file, ...rest, startedAt: at };
  }
  const failure = row.failure && { ...row.failure, cause: cause(row.failure.cause, row.table) };
  return {
    kind: 'execution' as const,
    ...row,
    ...(failure ? { failure } : {}),
    durationMs: durationMs(row, now),
  };
}

/** Until it stopped, or until now while it runs. */
function durationMs(record: ExecutionSummary, now: Date): number {
  return (record.stoppedAt ?? now).getTime() - record.startedAt.getTime();
}

/** 850ms, 42s, 3m05s, 1h02m */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, ms)}ms`;
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > CAUSE_WIDTH ? `${flat.slice(0, CAUSE_WIDTH - 1)}…` : flat;
}
