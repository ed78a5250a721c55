import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { GlueClient } from '@aws-sdk/client-glue';
import { CreateBucketCommand, HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { createFileUploadHandler } from '../../functions/file-upload/handler.js';
import { createGlueClient } from '../../shared/aws/glue-client.js';
import { createS3Client } from '../../shared/aws/s3-client.js';
import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import type { Config } from '../../shared/config/config-schema.js';
import { describeError, FilingFailed } from '../../shared/errors.js';
import { backfillBucket } from '../../shared/filing/backfill-bucket.js';
import type { FilingOutcome } from '../../shared/filing/filing-outcome.js';
import { logFilingOutcome } from '../../shared/filing/log-filing-outcome.js';
import type { Logger } from '../../shared/logging/logger.js';
import type { MysqlSettings } from '../../shared/mysql/mysql-settings.js';
import { startGlueEndpoint } from '../glue/glue-endpoint.js';
import type { GlueFaultInjector } from '../glue/glue-fault-injector.js';
import { localLambdaContext } from '../local-lambda-context.js';
import { startLocalS3 } from '../s3/local-s3-server.js';
import type { S3FaultInjector } from '../s3/s3-fault-injector.js';
import { createLocalWorkflow, type LambdaStateName } from '../workflow/csv-catalog-workflow.js';
import { FolderDropStore } from '../workflow/folder-drop-store.js';
import { FolderExecutionStore } from '../workflow/folder-execution-store.js';
import type { LambdaHandler } from '../workflow/lambda-stand-in.js';
import type {
  LocalWorkflowRunner,
  LocalWorkflowRunnerOptions,
} from '../workflow/local-workflow-runner.js';
import { noMysqlLoadRows } from '../workflow/no-mysql-load-rows.js';
import { ddlOutLambda } from './ddl-out-lambda.js';
import { EventDispatcher } from './event-dispatcher.js';
import {
  ENDPOINTS_FILE,
  type RunningStackEndpoints,
  writeRunningStack,
} from './running-stack-file.js';
import { lockStackDir } from './stack-dir-lock.js';

export interface LocalStackOptions {
  /** Folder for everything the stack keeps: objects, catalog, executions. One stack at a time. */
  dir: string;
  bucket: string;
  /** 0 picks a free port. */
  s3Port: number;
  gluePort: number;
  /** The configuration, its Glue database already set from --database. */
  config: Config;
  mysqlSettings: () => Promise<MysqlSettings>;
  logger: Logger;
  /**
   * The file-upload handler's logger (default: `logger`). The CLI silences it unless --verbose:
   * each filing outcome is reported by a line of its own (onFiling, the run report).
   */
  filingLogger?: Logger;
  /** Crawler log lines (what Glue writes to CloudWatch). */
  onCrawlerLog?: (crawler: string, message: string) => void;
  /** Replaces Lambda handlers by state name (tests, `--ddl-out`). */
  lambdas?: Partial<Record<LambdaStateName, LambdaHandler>>;
  /** A crawl lasts at least this long on the local endpoint. */
  minCrawlMs?: number;
  /** Write MySQL DDL to `<ddlOut>/<table>.sql` instead of running it (no MySQL here). */
  ddlOut?: string;
  /** Every execution history event as it happens. */
  onExecutionEvent?: LocalWorkflowRunnerOptions['onEvent'];
  /** What filing did with each file dropped at the bucket root (not the stack's own copies). */
  onFiling?: (outcome: FilingOutcome) => void;
  /** Test-only faults of the local S3 server and Glue endpoint (none by default). */
  faults?: { s3?: S3FaultInjector; glue?: GlueFaultInjector };
}

/** What LocalStack.subscribe hears. */
export interface StackListener {
  onExecutionEvent?: NonNullable<LocalWorkflowRunnerOptions['onEvent']>;
  onFiling?: (outcome: FilingOutcome) => void;
}

export interface LocalStack {
  s3Endpoint: string;
  glueEndpoint: string;
  bucket: string;
  /** Clients for the local endpoints, as a user's would be. */
  s3: S3Client;
  glue: GlueClient;
  workflow: LocalWorkflowRunner;
  /** The latest filing outcome per key dropped at the bucket root. */
  filings(): FilingOutcome[];
  /**
   * Files every object waiting at the bucket root, as the Lambda would on its event (what
   * `csv-catalog backfill --dir` does); refusals are recorded like those of dropped files.
   */
  backfill(concurrency: number): Promise<FilingOutcome[]>;
  /** Executions a stopped or killed stack left RUNNING on this folder, now ABORTED. */
  interrupted: readonly string[];
  /** Resolves when every upload so far is filed and every execution has ended. */
  idle(): Promise<void>;
  /**
   * Hears every execution history event and filing outcome from now on, beside the options'
   * callbacks (the console starts after the stack). Returns the unsubscribe.
   */
  subscribe(listener: StackListener): () => void;
  /**
   * Adds where the stack's console answers, and its token, to the running-stack file, so that
   * CLI processes of the same user on this folder go through it.
   */
  recordConsole(console: { url: string; token: string }): void;
  close(): Promise<void>;
}

/**
 * The whole pipeline on loopback: an S3-compatible server whose object-created events invoke
 * the production file-upload handler in-process, a Glue endpoint whose crawlers crawl it, and
 * the workflow's ASL run by the local runner on the production handlers. State lives in `dir`.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  // Whatever started is stopped again if a later part fails to start.
  const started: (() => Promise<void>)[] = [];
  try {
    return await startParts(options, started);
  } catch (error) {
    for (const stop of started.reverse()) await stop().catch(() => undefined);
    throw error;
  }
}

async function startParts(
  options: LocalStackOptions,
  started: (() => Promise<void>)[],
): Promise<LocalStack> {
  const release = lockStackDir(options.dir);
  started.push(async () => release());
  const drops = new FolderDropStore(join(options.dir, 'drops'));
  const filings = new Map<string, FilingOutcome>();
  const listeners = new Set<StackListener>([
    { onExecutionEvent: options.onExecutionEvent, onFiling: options.onFiling },
  ]);
  let dispatcher: EventDispatcher | undefined;
  const s3Server = await startLocalS3({
    dir: join(options.dir, 's3'),
    port: options.s3Port,
    onObjectCreated: (event) => dispatcher?.dispatch(event),
    faults: options.faults?.s3,
  });
  started.push(() => s3Server.close());
  const s3 = createS3Client({ endpoint: s3Server.endpoint });
  started.push(async () => s3.destroy());
  await ensureBucket(s3, options.bucket);
  await forgetDropsGone(drops, new S3ObjectStore(s3, options.bucket));
  const glueEndpoint = await startGlueEndpoint({
    dir: join(options.dir, 'glue'),
    s3Endpoint: s3Server.endpoint,
    port: options.gluePort,
    minCrawlMs: options.minCrawlMs,
    onCrawlerLog: options.onCrawlerLog,
    faults: options.faults?.glue,
  });
  started.push(() => glueEndpoint.close());
  const glue = createGlueClient({ endpoint: glueEndpoint.endpoint });
  started.push(async () => glue.destroy());
  const executions = new FolderExecutionStore(join(options.dir, 'executions'));
  const workflow = await createLocalWorkflow({
    deps: {
      config: options.config,
      s3,
      glue,
      mysqlSettings: options.mysqlSettings,
      logger: options.logger,
    },
    lambdas: {
      ...(options.ddlOut
        ? {
            SyncRdsDdl: ddlOutLambda({
              dir: options.ddlOut,
              config: options.config,
              s3,
              glue,
              mysqlSettings: options.mysqlSettings,
              logger: options.logger,
            }),
            LoadRows: noMysqlLoadRows(options.config),
          }
        : {}),
      ...options.lambdas,
    },
    store: executions,
    onEvent: (record, event) => {
      for (const listener of listeners) listener.onExecutionEvent?.(record, event);
    },
  });
  const handler = createFileUploadHandler(async () => ({
    s3,
    config: options.config,
    workflow,
    logger: options.filingLogger ?? options.logger,
  }));
  const record = (outcomes: readonly FilingOutcome[]) => {
    for (const o of outcomes) {
      // The handler also hears of its own copies into table prefixes: those are not drops.
      if (o.status === 'skipped' && o.reason === 'not at the bucket root') continue;
      filings.set(o.sourceKey, o);
      // Refused and skipped files are listed by `executions` after the stack stopped.
      drops.note(o);
      for (const listener of listeners) listener.onFiling?.(o);
    }
  };
  const events = new EventDispatcher(
    async (event: S3Event) => {
      try {
        record((await handler(event, localLambdaContext('file-upload'))).outcomes);
      } catch (error) {
        if (!(error instanceof FilingFailed)) throw error;
        record(error.outcomes as FilingOutcome[]);
      }
    },
    (event, error) =>
      options.logger.error(`file-upload failed: ${describeError(error)}`, {
        keys: event.Records.map((r) => r.s3.object.key),
      }),
  );
  dispatcher = events;
  const endpointsFile = join(options.dir, ENDPOINTS_FILE);
  const endpoints: RunningStackEndpoints = {
    s3Endpoint: s3Server.endpoint,
    glueEndpoint: glueEndpoint.endpoint,
    bucket: options.bucket,
    pid: process.pid,
  };
  writeRunningStack(options.dir, endpoints);
  started.push(async () => rmSync(endpointsFile, { force: true }));
  const idle = async () => {
    await events.idle();
    await workflow.idle();
  };
  return {
    s3Endpoint: s3Server.endpoint,
    glueEndpoint: glueEndpoint.endpoint,
    bucket: options.bucket,
    s3,
    glue,
    workflow,
    filings: () => [...filings.values()],
    interrupted: executions.interrupted,
    async backfill(concurrency) {
      const outcomes = await backfillBucket({
        store: new S3ObjectStore(s3, options.bucket),
        config: options.config,
        workflow,
        concurrency,
      });
      for (const o of outcomes) logFilingOutcome(options.filingLogger ?? options.logger, o);
      record(outcomes);
      return outcomes;
    },
    idle,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    recordConsole({ url, token }) {
      writeRunningStack(options.dir, { ...endpoints, consoleUrl: url, token });
    },
    async close() {
      await events.idle();
      await workflow.close();
      glue.destroy();
      s3.destroy();
      await glueEndpoint.close();
      await s3Server.close();
      rmSync(endpointsFile, { force: true });
      release();
    },
  };
}

export { ENDPOINTS_FILE, type RunningStackEndpoints } from './running-stack-file.js';

/** A refused file renamed or removed while no stack ran needs no one any more. */
async function forgetDropsGone(drops: FolderDropStore, store: S3ObjectStore): Promise<void> {
  for (const drop of drops.list()) {
    if (!(await store.head(drop.sourceKey))) drops.forget(drop.sourceKey);
  }
}

async function ensureBucket(s3: S3Client, bucket: string): Promise<void> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  }
}
