import { SFNClient } from '@aws-sdk/client-sfn';
import { SingleBar } from 'cli-progress';
import type { SyncRequest } from '../../local/console/console-api.js';
import { buildSyncReport, type RunReport } from '../../local/stack/run-report.js';
import { findStateMachineArn } from '../../shared/aws/find-state-machine.js';
import { createS3Client } from '../../shared/aws/s3-client.js';
import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import { SfnWorkflowStarter } from '../../shared/aws/sfn-workflow-starter.js';
import type { Config } from '../../shared/config/config-schema.js';
import type { ObjectStore } from '../../shared/filing/object-store.js';
import type { SyncOutcome } from '../../shared/sync/resync-table.js';
import { syncTables } from '../../shared/sync/sync-tables.js';
import type { WorkflowStarter } from '../../shared/workflow/workflow-input.js';
import { cliConfig } from '../cli-config.js';
import type { CliIo } from '../cli-io.js';
import { type ConsoleClient, runningConsole } from '../console-client.js';
import { syncReport } from '../console-run-report.js';
import { ExitCode } from '../exit-code.js';
import { formatTable } from '../format-table.js';
import type { LocalStackCliOptions } from '../local-stack-options.js';
import { openLocalStack } from '../open-local-stack.js';
import { formatRunSummary } from '../run-summary.js';

export interface SyncOptions extends LocalStackCliOptions {
  table?: string[];
  all?: boolean;
  stage?: string;
  stateMachineArn?: string;
  region?: string;
  concurrency: number;
  json?: boolean;
  verbose?: boolean;
}

/** `csv-catalog sync` on a local stack's folder: waits and prints what happened. */
export async function syncLocally(options: SyncOptions, io: CliIo): Promise<ExitCode> {
  // A stack runs on the folder with its console: the sync happens in that stack.
  const client = runningConsole(options.dir);
  if (client) return syncInRunningStack(client, options, io);
  const { stack, config, mysql } = await openLocalStack(options, io);
  try {
    const store = new S3ObjectStore(stack.s3, stack.bucket);
    const outcomes = await syncWithProgress(store, config, stack.workflow, options, io);
    const report = await buildSyncReport(stack, outcomes, { glue: config.glue.database, mysql });
    return printSyncReport(report, options, io);
  } finally {
    await stack.close();
  }
}

/**
 * POST /api/sync to the stack running on the folder, then the same report once the
 * executions it started have ended (its terminal prints their events meanwhile).
 */
async function syncInRunningStack(
  client: ConsoleClient,
  options: SyncOptions,
  io: CliIo,
): Promise<ExitCode> {
  const request: SyncRequest = options.all ? { all: true } : { tables: options.table ?? [] };
  const { outcomes } = await client.post<{ outcomes: SyncOutcome[] }>('/api/sync', request);
  return printSyncReport(await syncReport(client, outcomes), options, io);
}

function printSyncReport(report: RunReport, options: SyncOptions, io: CliIo): ExitCode {
  io.stdout.write(
    options.json
      ? `${JSON.stringify(report, null, 2)}\n`
      : `${formatRunSummary(report, options.dir)}\n`,
  );
  const ok = report.executions.every((e) => e.status === 'SUCCEEDED' || e.status === 'SKIPPED');
  return ok ? ExitCode.Ok : ExitCode.Failed;
}

/** `csv-catalog sync --stage`: starts the executions on AWS. */
export async function syncOnAws(options: SyncOptions, io: CliIo): Promise<ExitCode> {
  const config = await cliConfig(options.config);
  const sfn = new SFNClient(options.region ? { region: options.region } : {});
  const s3 = createS3Client({ region: options.region });
  try {
    const arn = options.stateMachineArn ?? (await findStateMachineArn(sfn, options.stage ?? ''));
    const store = new S3ObjectStore(s3, options.bucket);
    const outcomes = await syncWithProgress(
      store,
      config,
      new SfnWorkflowStarter(sfn, arn),
      options,
      io,
    );
    io.stdout.write(
      options.json
        ? `${JSON.stringify(outcomes, null, 2)}\n`
        : `${formatTable(
            ['table', 'status', 'file', 'execution / reason'],
            outcomes.map((o) => [
              o.table,
              o.status,
              o.key ?? '-',
              o.execution?.executionArn ?? o.reason ?? '',
            ]),
          )}\n`,
    );
    return outcomes.some((o) => o.status === 'failed') ? ExitCode.Failed : ExitCode.Ok;
  } finally {
    sfn.destroy();
    s3.destroy();
  }
}

/** The shared sync with a progress bar on stderr. */
async function syncWithProgress(
  store: ObjectStore,
  config: Config,
  workflow: WorkflowStarter,
  options: SyncOptions,
  io: CliIo,
): Promise<SyncOutcome[]> {
  const bar = new SingleBar({
    format: 'sync {bar} {value}/{total} tables',
    stream: io.stderr,
    hideCursor: true,
  });
  try {
    return await syncTables(
      { store, config, workflow },
      { tables: options.table, all: options.all, concurrency: options.concurrency },
      {
        onTables: (tables) => bar.start(tables.length, 0),
        onTableDone: () => bar.increment(),
      },
    );
  } finally {
    bar.stop();
  }
}
