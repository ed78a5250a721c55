import { type Command, InvalidArgumentError, Option } from 'commander';
import { LocalExecutionHistory } from '../../local/workflow/local-execution-history.js';
import {
  EXECUTION_STATUSES,
  type ExecutionHistorySource,
  type ExecutionStatus,
  type ExecutionSummary,
  UNSUCCESSFUL_STATUSES,
} from '../../shared/aws/execution-history-source.js';
import type { CliIo } from '../cli-io.js';
import { ExitCode } from '../exit-code.js';
import { formatTable } from '../format-table.js';
import { DEFAULT_DIR } from '../local-stack-options.js';
import { readableCause } from '../readable-cause.js';
import { awsExecutionHistory } from './aws-step-functions.js';

export interface ExecutionsOptions {
  dir: string;
  stage?: string;
  stateMachineArn?: string;
  region?: string;
  status?: ExecutionStatus;
  limit: number;
  json?: boolean;
}

const CAUSE_WIDTH = 160;

export function registerExecutionsCommand(program: Command, io: CliIo): Command {
  return program
    .command('executions')
    .description(
      "List the workflow's executions, newest first: table, status, start, duration and, for failed ones, the state that failed and why. Exits 1 when any listed execution failed, timed out or was aborted.",
    )
    .option('--dir <dir>', "the local stack's folder (without --stage)", DEFAULT_DIR)
    .option('--stage <stage>', 'the deployed stage: its state machine csv-catalog-<stage>')
    .addOption(
      new Option('--state-machine-arn <arn>', 'the state machine, instead of --stage').conflicts(
        'stage',
      ),
    )
    .option('--region <region>', 'AWS region (default: AWS_REGION, or the profile’s)')
    .addOption(
      new Option('--status <status>', 'only executions of this status').choices(EXECUTION_STATUSES),
    )
    .option('--limit <n>', 'at most this many executions', parsePositiveInt, 50)
    .option('--json', 'print the executions as one JSON document')
    .action(async (options: ExecutionsOptions) => {
      const { source, close } = await executionSource(options, io);
      try {
        io.exitCode = await runExecutions(source, options, io);
      } finally {
        close();
      }
    });
}

/**
 * Where the executions come from: Step Functions for --stage or --state-machine-arn, else
 * the history the local runner recorded under --dir.
 */
async function executionSource(options: ExecutionsOptions, _io: CliIo) {
  if (options.stage || options.stateMachineArn) return awsExecutionHistory(options);
  return { source: new LocalExecutionHistory(options.dir), close: () => undefined };
}

/** Prints the executions; exit code Failed when any listed execution did not succeed. */
export async function runExecutions(
  source: ExecutionHistorySource,
  options: Pick<ExecutionsOptions, 'status' | 'limit' | 'json'>,
  io: CliIo,
  now: Date = new Date(),
): Promise<ExitCode> {
  const records = await source.listExecutions({ status: options.status, limit: options.limit });
  if (options.json) {
    io.stdout.write(
      `${JSON.stringify(
        records.map((r) => asJson(r, now)),
        null,
        2,
      )}\n`,
    );
  } else if (records.length === 0) {
    const which = options.status ? ` ${options.status}` : '';
    io.stdout.write(`no${which} executions of ${source.description}\n`);
  } else {
    io.stdout.write(`${formatExecutions(records, now)}\n`);
  }
  return records.some((r) => UNSUCCESSFUL_STATUSES.includes(r.status))
    ? ExitCode.Failed
    : ExitCode.Ok;
}

export function formatExecutions(records: ExecutionSummary[], now: Date): string {
  return formatTable(
    ['NAME', 'TABLE', 'STATUS', 'STARTED', 'DURATION', 'FAILED STATE', 'CAUSE'],
    records.map((r) => [
      r.name,
      r.table ?? '-',
      r.status,
      r.startedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      formatDuration(durationMs(r, now)),
      r.failure?.state ?? '',
      oneLine([r.failure?.error, readableCause(r.failure?.cause)].filter(Boolean).join(': ')),
    ]),
  );
}

function asJson(record: ExecutionSummary, now: Date) {
  return { ...record, durationMs: durationMs(record, now) };
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

function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new InvalidArgumentError(`not a positive integer: ${value}`);
  }
  return n;
}
