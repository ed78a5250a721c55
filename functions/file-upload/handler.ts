import type { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import eventNormalizer from '@middy/event-normalizer';
import type { S3Event, S3NotificationEvent } from 'aws-lambda';
import pLimit from 'p-limit';
import { createS3Client } from '../../shared/aws/s3-client.js';
import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import { SfnWorkflowStarter } from '../../shared/aws/sfn-workflow-starter.js';
import type { Config } from '../../shared/config/config-schema.js';
import { loadLambdaBasics } from '../../shared/config/lambda-basics.js';
import { FilingFailed } from '../../shared/errors.js';
import { fileCsvObject } from '../../shared/filing/file-csv-object.js';
import type { FilingOutcome } from '../../shared/filing/filing-outcome.js';
import { logFilingOutcome } from '../../shared/filing/log-filing-outcome.js';
import {
  announcedObjects,
  objectCreatedEventSchema,
} from '../../shared/filing/object-created-event.js';
import type { Logger } from '../../shared/logging/logger.js';
import { createHandler, type LambdaEntry } from '../../shared/middleware/create-handler.js';
import type { WorkflowStarter } from '../../shared/workflow/workflow-input.js';

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

/** What invokes file-upload: an S3 notification (local stack) or EventBridge (AWS). */
export type FileUploadEvent = S3Event | S3NotificationEvent;

/** Objects of one event filed at once; S3 usually announces one (EventBridge always one). */
const RECORD_CONCURRENCY = 4;

/**
 * Builds the handler around its collaborators, resolved once (cold start). Any record that
 * fails makes the invocation fail after all records ran, so Lambda retries it and, past its
 * retries, sends it to the dead-letter destination; filing is idempotent, so records that
 * succeeded are only confirmed again.
 */
export function createFileUploadHandler(
  resolve: () => Promise<FileUploadDependencies>,
): LambdaEntry<FileUploadEvent, FileUploadResult> {
  // Typed as S3 and EventBridge deliver it: the schema takes the fields filing reads, with
  // literal types the SDK's event types do not have.
  const entry: LambdaEntry<unknown, FileUploadResult> = createHandler({
    name: 'file-upload',
    schema: objectCreatedEventSchema,
    resolve,
    // S3 notification keys are URL-encoded, EventBridge keys are not: the normalizer decodes
    // only records marked `aws:s3`, as the schema requires S3 notification records to be
    // (object-created-event.ts).
    normalize: [eventNormalizer()],
    run: async (event, { s3, config, workflow, logger }): Promise<FileUploadResult> => {
      if ('Event' in event) logger.info(`ignored ${event.Event}: not an object notification`);
      const created = announcedObjects(event).filter((object) => {
        if (!object.created)
          logger.info(`ignored ${object.kind} for ${object.key}: only created objects are filed`);
        return object.created;
      });
      const limit = pLimit(RECORD_CONCURRENCY);
      const outcomes = await Promise.all(
        created.map(({ bucket, key, size, eTag }) =>
          limit(async () => {
            const store = new S3ObjectStore(s3, bucket);
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
      };
    },
  }) as LambdaEntry<unknown, FileUploadResult>;
  return entry;
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
