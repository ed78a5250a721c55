import type { S3Client } from '@aws-sdk/client-s3';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { createS3Client } from '../../shared/aws/s3-client.js';
import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import type { Config } from '../../shared/config/config-schema.js';
import type { Logger } from '../../shared/logging/logger.js';
import { validateEvent } from '../../shared/middleware/validate-event.js';
import { checkSnapshot } from '../../shared/workflow/snapshot-check.js';
import { loadWorkflowBasics } from '../../shared/workflow/workflow-basics.js';
import type { WorkflowInput } from '../../shared/workflow/workflow-input.js';
import { workflowInputSchema } from '../../shared/workflow/workflow-input-schema.js';

export interface CheckSnapshotDependencies {
  s3: S3Client;
  config: Config;
  logger: Logger;
  now?: () => Date;
}

/** The workflow's first step: is the file still current, and the settings the ASL needs. */
export interface CheckSnapshotResult {
  superseded: boolean;
  reason: string;
  newestSnapshot: string | null;
  /**
   * A crawl that started at or after this time covers the file. It is this step's clock, not
   * the input's filedAt: the execution starts only once filing is done, while filedAt is
   * stamped before the copy into `<table>/` (a long transcoding copy could end minutes later).
   */
  coverCrawlsFrom: string;
  pollIntervalSeconds: number;
  maxPolls: number;
}

/** Builds the handler around its collaborators, resolved once (cold start). */
export function createCheckSnapshotHandler(resolve: () => Promise<CheckSnapshotDependencies>) {
  let deps: Promise<CheckSnapshotDependencies> | undefined;
  const check = async (event: WorkflowInput, _context: Context): Promise<CheckSnapshotResult> => {
    deps ??= resolve();
    const { s3, config, logger, now } = await deps;
    const coverCrawlsFrom = (now?.() ?? new Date()).toISOString();
    const store = new S3ObjectStore(s3, event.bucket);
    const result = await checkSnapshot(event, { store, config });
    logger.info('Checked snapshot', { key: event.key, ...result });
    return {
      ...result,
      coverCrawlsFrom,
      pollIntervalSeconds: config.crawl.pollIntervalSeconds,
      maxPolls: config.crawl.maxPolls,
    };
  };
  return middy(check).use(validateEvent(workflowInputSchema));
}

/** Collaborators from the Lambda environment. */
export async function dependenciesFromEnvironment(): Promise<CheckSnapshotDependencies> {
  const { env, config, logger } = await loadWorkflowBasics();
  return { s3: createS3Client({ endpoint: env.AWS_ENDPOINT_URL_S3 }), config, logger };
}

export const handler = createCheckSnapshotHandler(dependenciesFromEnvironment);
