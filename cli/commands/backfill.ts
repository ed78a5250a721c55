import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SingleBar } from 'cli-progress';
import type { BackfillRequest } from '../../local/console/console-api.js';
import { ENDPOINTS_FILE, type RunningStackEndpoints } from '../../local/stack/local-stack.js';
import { buildFilingReport } from '../../local/stack/run-report.js';
import { shellArg } from '../../local/stack/shell-arg.js';
import { stackRunsOn } from '../../local/stack/stack-dir-lock.js';
import { createS3Client } from '../../shared/aws/s3-client.js';
import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import { SfnWorkflowStarter } from '../../shared/aws/sfn-workflow-starter.js';
import { backfillBucket } from '../../shared/filing/backfill-bucket.js';
import type { FilingOutcome } from '../../shared/filing/filing-outcome.js';
import type { WorkflowStarter } from '../../shared/workflow/workflow-input.js';
import { cliConfig } from '../cli-config.js';
import type { CliIo } from '../cli-io.js';
import { type ConsoleClient, runningConsole } from '../console-client.js';
import { filingReport } from '../console-run-report.js';
import { ExitCode } from '../exit-code.js';
import { formatFilingSummary, summarizeFiling } from '../filing-summary.js';
import { DEFAULT_BUCKET } from '../local-stack-options.js';
import { openLocalStack } from '../open-local-stack.js';
import { formatRunSummary } from '../run-summary.js';

export interface BackfillOptions {
  /** The local stack's folder: file the root of its bucket with its workflow. */
  dir?: string;
  mysqlUrl?: string;
  retarget?: boolean;
  bucket?: string;
  endpoint?: string;
  config?: string;
  workflow: boolean;
  stateMachineArn?: string;
  concurrency?: number;
  json?: boolean;
}

/** `csv-catalog backfill`: the root of a local stack's bucket (--dir), or of any bucket. */
export async function backfill(options: BackfillOptions, io: CliIo): Promise<ExitCode> {
  if (options.dir) {
    const client = runningConsole(options.dir);
    if (client) return backfillInRunningStack(client, options.dir, options, io);
    return stackRunsOn(options.dir)
      ? await announceToRunningStack(options.dir, io)
      : await backfillLocalStack(options.dir, options, io);
  }
  if (!options.bucket) {
    io.stderr.write('csv-catalog backfill: give --bucket <name>, or --dir for a local stack\n');
    return ExitCode.Usage;
  }
  return runBackfill({ ...options, bucket: options.bucket }, io);
}

/**
 * A stack runs on the folder with its console: it files its bucket's root itself (POST
 * /api/backfill), and the report follows once the executions it started have ended.
 */
async function backfillInRunningStack(
  client: ConsoleClient,
  dir: string,
  options: BackfillOptions,
  io: CliIo,
): Promise<ExitCode> {
  const request: BackfillRequest = options.concurrency ? { concurrency: options.concurrency } : {};
  const { outcomes } = await client.post<{ outcomes: FilingOutcome[] }>('/api/backfill', request);
  const report = await filingReport(client, outcomes);
  io.stdout.write(
    options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatRunSummary(report, dir)}\n`,
  );
  const ok = report.executions.every((e) => e.status === 'SUCCEEDED' || e.status === 'SKIPPED');
  return ok ? ExitCode.Ok : ExitCode.Failed;
}

/**
 * A stack without a console (`local run`) runs on the folder and holds it: each object at its bucket root is copied onto
 * itself, which S3 announces as created, so the running stack files it as it files any drop
 * (its terminal prints every execution, `executions --dir` lists them and any refusal).
 */
async function announceToRunningStack(dir: string, io: CliIo): Promise<ExitCode> {
  const path = join(dir, ENDPOINTS_FILE);
  if (!existsSync(path)) {
    io.stderr.write(
      `csv-catalog backfill: a local stack runs on ${dir} but has not said where it answers yet: try again in a moment\n`,
    );
    return ExitCode.Error;
  }
  const running = JSON.parse(readFileSync(path, 'utf8')) as RunningStackEndpoints;
  const s3 = createS3Client({ endpoint: running.s3Endpoint });
  try {
    const store = new S3ObjectStore(s3, running.bucket);
    let announced = 0;
    for await (const page of store.listFiles('')) {
      for (const object of page) {
        // S3 announces a copy onto itself (metadata replaced) as a created object.
        await store.copy(object.key, object.key, {
          size: object.size,
          sourceIfMatch: object.eTag,
          metadata: {},
        });
        announced++;
      }
    }
    io.stdout.write(
      `${announced} file${announced === 1 ? '' : 's'} at the root of ${running.bucket} handed to the local stack running on ${dir} (pid ${running.pid}); its terminal shows each execution, and npx csv-catalog executions --dir ${shellArg(dir)} lists them and any refused file\n`,
    );
    return ExitCode.Ok;
  } finally {
    s3.destroy();
  }
}

/** No stack runs on the folder: one is started on free ports, files the root, waits, stops. */
async function backfillLocalStack(
  dir: string,
  options: BackfillOptions,
  io: CliIo,
): Promise<ExitCode> {
  const { stack, config, mysql } = await openLocalStack(
    {
      dir,
      bucket: options.bucket ?? DEFAULT_BUCKET,
      s3Port: 0,
      gluePort: 0,
      config: options.config,
      mysqlUrl: options.mysqlUrl,
      retarget: options.retarget,
    },
    io,
  );
  try {
    const outcomes = await stack.backfill(options.concurrency ?? config.filing.concurrency);
    const report = await buildFilingReport(stack, outcomes, {
      glue: config.glue.database,
      mysql,
    });
    io.stdout.write(
      options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatRunSummary(report, dir)}\n`,
    );
    const ok = report.executions.every((e) => e.status === 'SUCCEEDED' || e.status === 'SKIPPED');
    return ok ? ExitCode.Ok : ExitCode.Failed;
  } finally {
    await stack.close();
  }
}

async function runBackfill(
  options: BackfillOptions & { bucket: string },
  io: CliIo,
): Promise<ExitCode> {
  const config = await cliConfig(options.config);
  const s3 = createS3Client({ endpoint: options.endpoint });
  const store = new S3ObjectStore(s3, options.bucket);
  const workflow = workflowStarter(options, io);
  const bar = new SingleBar({
    format: 'filing {bar} {value}/{total} objects',
    stream: io.stderr,
    hideCursor: true,
  });
  bar.start(0, 0);
  try {
    const outcomes = await backfillBucket({
      store,
      config,
      workflow,
      concurrency: options.concurrency ?? config.filing.concurrency,
      onProgress: (p) => {
        bar.setTotal(p.listed);
        bar.update(p.done);
      },
    });
    bar.stop();
    const summary = summarizeFiling(outcomes);
    io.stdout.write(
      options.json ? `${JSON.stringify(summary, null, 2)}\n` : `${formatFilingSummary(summary)}\n`,
    );
    return summary.failed.length > 0 ? ExitCode.Failed : ExitCode.Ok;
  } finally {
    bar.stop();
    s3.destroy();
  }
}

function workflowStarter(options: BackfillOptions, io: CliIo): WorkflowStarter | undefined {
  if (!options.workflow) return undefined;
  if (!options.stateMachineArn) {
    io.stderr.write(
      'no state machine configured (--state-machine-arn or STATE_MACHINE_ARN): filing only\n',
    );
    return undefined;
  }
  return new SfnWorkflowStarter(new SFNClient({}), options.stateMachineArn);
}
