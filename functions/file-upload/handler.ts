import type { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import middy from '@middy/core';
import eventNormalizer from '@middy/event-normalizer';
import type { Context } from 'aws-lambda';
import pLimit from 'p-limit';
import { z } from 'zod';
import { createS3Client } from '../../shared/aws/s3-client.js';
import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import { SfnWorkflowStarter } from '../../shared/aws/sfn-workflow-starter.js';
import type { Config } from '../../shared/config/config-schema.js';
import { loadLambdaBasics } from '../../shared/config/lambda-basics.js';
import { FilingFailed } from '../../shared/errors.js';
import { fileCsvObject } from '../../shared/filing/file-csv-object.js';
import type { FilingOutcome } from '../../shared/filing/filing-outcome.js';
import { logFilingOutcome } from '../../shared/filing/log-filing-outcome.js';
import type { Logger } from '../../shared/logging/logger.js';
import { validateEvent } from '../../shared/middleware/validate-event.js';
import type { WorkflowStarter } from '../../shared/workflow/workflow-input.js';

/** The S3 notification fields filing reads (keys already decoded by the event normalizer). */
const s3EventSchema = z.object({
  /** Absent from the s3:TestEvent S3 sends when a notification is configured. */
  Records: z
    .array(
      z.object({
        eventName: z.string(),
        s3: z.object({
          bucket: z.object({ name: z.string().min(1) }),
          object: z.object({
            key: z.string().min(1),
            size: z.number().int().nonnegative().optional(),
            eTag: z.string().optional(),
          }),
        }),
      }),
    )
    .default([]),
  Event: z.string().optional(),
});
type FileUploadEvent = z.infer<typeof s3EventSchema>;

export interface FileUploadDependencies {
  s3: S3Client;
  config: Config;
  workflow?: WorkflowStarter;
  logger: Logger;
}

export interface FileUploadResult {
  filed: number;
  skipped: number;
  outcomes: FilingOutcome[];
}

/** Records of one event filed at once; S3 usually sends one. */
const RECORD_CONCURRENCY = 4;

/**
 * Builds the handler around its collaborators, resolved once (cold start). Any record that
 * fails makes the invocation fail after all records ran, so Lambda retries it and, past its
 * retries, sends it to the dead-letter destination; filing is idempotent, so records that
 * succeeded are only confirmed again.
 */
export function createFileUploadHandler(resolve: () => Promise<FileUploadDependencies>) {
  let deps: Promise<FileUploadDependencies> | undefined;
  const fileRecords = async (event: FileUploadEvent, _context: Context) => {
    deps ??= resolve();
    const { s3, config, workflow, logger } = await deps;
    if (event.Event) logger.info(`ignored ${event.Event}: not an object notification`);
    const created = event.Records.filter((record) => {
      const isCreated = record.eventName.startsWith('ObjectCreated:');
      if (!isCreated)
        logger.info(
          `ignored ${record.eventName} for ${record.s3.object.key}: only ObjectCreated events are filed`,
        );
      return isCreated;
    });
    const limit = pLimit(RECORD_CONCURRENCY);
    const outcomes = await Promise.all(
      created.map((record) =>
        limit(async () => {
          const store = new S3ObjectStore(s3, record.s3.bucket.name);
          const { key, size, eTag } = record.s3.object;
          const outcome = await fileCsvObject({ key, size, eTag }, { store, config, workflow });
          logFilingOutcome(logger, outcome);
          return outcome;
        }),
      ),
    );
    const failed = outcomes.filter((o) => o.status === 'failed');
    if (failed.length > 0) {
      throw new FilingFailed(failed.map((o) => o.reason).join('; '), outcomes);
    }
    return {
      filed: outcomes.filter((o) => o.status === 'filed').length,
      skipped: outcomes.filter((o) => o.status === 'skipped').length,
      outcomes,
    } satisfies FileUploadResult;
  };
  return middy(fileRecords).use(eventNormalizer()).use(validateEvent(s3EventSchema));
}

/** Collaborators from the Lambda environment. */
export async function dependenciesFromEnvironment(): Promise<FileUploadDependencies> {
  const { env, config, logger } = await loadLambdaBasics();
  const workflow = env.STATE_MACHINE_ARN
    ? new SfnWorkflowStarter(new SFNClient({}), env.STATE_MACHINE_ARN)
    : undefined;
  if (!workflow) logger.warn('STATE_MACHINE_ARN is not set: files are filed, no workflow starts');
  return { s3: createS3Client({ endpoint: env.AWS_ENDPOINT_URL_S3 }), config, workflow, logger };
}

export const handler = createFileUploadHandler(dependenciesFromEnvironment);
