import { randomUUID } from 'node:crypto';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SingleBar } from 'cli-progress';
import pLimit from 'p-limit';
import { buildSyncReport } from '../../local/stack/run-report.js';
import { findStateMachineArn } from '../../shared/aws/find-state-machine.js';
import { createS3Client } from '../../shared/aws/s3-client.js';
import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import { SfnWorkflowStarter } from '../../shared/aws/sfn-workflow-starter.js';
import type { Config } from '../../shared/config/config-schema.js';
import type { ObjectStore } from '../../shared/filing/object-store.js';
import { resyncTable, type SyncOutcome } from '../../shared/sync/resync-table.js';
import { tablePrefixes } from '../../shared/sync/table-prefixes.js';
import type { WorkflowStarter } from '../../shared/workflow/workflow-input.js';
import { cliConfig } from '../cli-config.js';
import type { CliIo } from '../cli-io.js';
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
  const { stack, config, mysql } = await openLocalStack(options, io);
  try {
    const store = new S3ObjectStore(stack.s3, stack.bucket);
    const outcomes = await syncTables(store, config, stack.workflow, options, io);
    const report = await buildSyncReport(stack, outcomes, { glue: config.glue.database, mysql });
    io.stdout.write(
      options.json
        ? `${JSON.stringify(report, null, 2)}\n`
        : `${formatRunSummary(report, options.dir)}\n`,
    );
    const ok = report.executions.every((e) => e.status === 'SUCCEEDED' || e.status === 'SKIPPED');
    return ok ? ExitCode.Ok : ExitCode.Failed;
  } finally {
    await stack.close();
  }
}

/** `csv-catalog sync --stage`: starts the executions on AWS. */
export async function syncOnAws(options: SyncOptions, io: CliIo): Promise<ExitCode> {
  const config = await cliConfig(options.config);
  const sfn = new SFNClient(options.region ? { region: options.region } : {});
  const s3 = createS3Client({ region: options.region });
  try {
    const arn = options.stateMachineArn ?? (await findStateMachineArn(sfn, options.stage ?? ''));
    const store = new S3ObjectStore(s3, options.bucket);
    const outcomes = await syncTables(store, config, new SfnWorkflowStarter(sfn, arn), options, io);
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

async function syncTables(
  store: ObjectStore,
  config: Config,
  workflow: WorkflowStarter,
  options: SyncOptions,
  io: CliIo,
): Promise<SyncOutcome[]> {
  const tables = options.all ? await tablePrefixes(store, config) : (options.table ?? []);
  const runId = randomUUID().slice(0, 8);
  const limit = pLimit(options.concurrency);
  const bar = new SingleBar({
    format: 'sync {bar} {value}/{total} tables',
    stream: io.stderr,
    hideCursor: true,
  });
  bar.start(tables.length, 0);
  try {
    return await Promise.all(
      tables.map((table) =>
        limit(async () => {
          const outcome = await resyncTable(table, { store, config, workflow, runId });
          bar.increment();
          return outcome;
        }),
      ),
    );
  } finally {
    bar.stop();
  }
}
