import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { createFileUploadHandler } from '../../functions/file-upload/handler.js';
import { createS3Client } from '../../shared/aws/s3-client.js';
import type { Config } from '../../shared/config/config-schema.js';
import { describeError, FilingFailed } from '../../shared/errors.js';
import type { FilingOutcome } from '../../shared/filing/filing-outcome.js';
import type { Logger } from '../../shared/logging/logger.js';
import type { WorkflowStarter } from '../../shared/workflow/workflow-input.js';
import { startLocalS3 } from '../s3/local-s3-server.js';
import { EventDispatcher } from './event-dispatcher.js';
import { localLambdaContext } from './local-lambda-context.js';

export interface LocalStackOptions {
  /** Folder for everything the stack keeps: objects, catalog, executions. */
  dir: string;
  bucket: string;
  /** 0 picks a free port. */
  s3Port: number;
  config: Config;
  logger: Logger;
  /** Starts the workflow for each filed file; absent: filing only. */
  workflow?: WorkflowStarter;
}

export interface LocalStack {
  s3Endpoint: string;
  bucket: string;
  /** A client for the local S3 server, as a user's would be. */
  s3: S3Client;
  /** The latest filing outcome per key dropped at the bucket root. */
  filings(): FilingOutcome[];
  /** Resolves when every upload so far has been filed. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Runs the pipeline's entry on loopback: an S3-compatible server whose object-created
 * events invoke the production file-upload handler in-process, as S3 invokes the Lambda.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const filings = new Map<string, FilingOutcome>();
  const record = (outcomes: readonly FilingOutcome[]) => {
    for (const o of outcomes) {
      // The handler also hears about its own copies into table prefixes; those are not drops.
      if (o.status === 'skipped' && o.reason === 'not at the bucket root') continue;
      filings.set(o.sourceKey, o);
    }
  };
  let dispatcher: EventDispatcher | undefined;
  const server = await startLocalS3({
    dir: join(options.dir, 's3'),
    port: options.s3Port,
    buckets: [options.bucket],
    onObjectCreated: (event) => dispatcher?.dispatch(event),
  });
  const s3 = createS3Client({ endpoint: server.endpoint });
  const handler = createFileUploadHandler(async () => ({
    s3,
    config: options.config,
    workflow: options.workflow,
    logger: options.logger,
  }));
  dispatcher = new EventDispatcher(
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
  return {
    s3Endpoint: server.endpoint,
    bucket: options.bucket,
    s3,
    filings: () => [...filings.values()],
    idle: () => dispatcher.idle(),
    async close() {
      await dispatcher.idle();
      s3.destroy();
      await server.close();
    },
  };
}
