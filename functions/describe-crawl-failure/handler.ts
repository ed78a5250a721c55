import type { S3Client } from '@aws-sdk/client-s3';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { createS3Client } from '../../shared/aws/s3-client.js';
import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import type { Config } from '../../shared/config/config-schema.js';
import { loadLambdaBasics } from '../../shared/config/lambda-basics.js';
import type { Logger } from '../../shared/logging/logger.js';
import { validateEvent } from '../../shared/middleware/validate-event.js';
import {
  type CrawlFailureDescription,
  describeCrawlFailure,
} from '../../shared/workflow/describe-crawl-failure.js';
import {
  type DescribeCrawlFailureEvent,
  describeCrawlFailureEventSchema,
} from '../../shared/workflow/step-events.js';

export interface DescribeCrawlFailureDependencies {
  /** Lists `<table>/` and reads each file's head. */
  s3: S3Client;
  config: Config;
  logger: Logger;
}

/** Builds the handler around its collaborators, resolved once (cold start). */
export function createDescribeCrawlFailureHandler(
  resolve: () => Promise<DescribeCrawlFailureDependencies>,
) {
  let deps: Promise<DescribeCrawlFailureDependencies> | undefined;
  const describe = async (
    event: DescribeCrawlFailureEvent,
    _context: Context,
  ): Promise<CrawlFailureDescription> => {
    deps ??= resolve();
    const { s3, config, logger } = await deps;
    const store = new S3ObjectStore(s3, event.bucket);
    const description = await describeCrawlFailure(event, { store, config });
    logger.info('Described crawl failure', { table: event.table, ...description });
    return description;
  };
  return middy(describe).use(validateEvent(describeCrawlFailureEventSchema));
}

/** Collaborators from the Lambda environment. */
export async function dependenciesFromEnvironment(): Promise<DescribeCrawlFailureDependencies> {
  const { env, config, logger } = await loadLambdaBasics();
  return { s3: createS3Client({ endpoint: env.AWS_ENDPOINT_URL_S3 }), config, logger };
}

export const handler = createDescribeCrawlFailureHandler(dependenciesFromEnvironment);
