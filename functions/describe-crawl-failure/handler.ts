import type { S3Client } from '@aws-sdk/client-s3';
import { createS3Client } from '../../shared/aws/s3-client.js';
import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import type { Config } from '../../shared/config/config-schema.js';
import { loadLambdaBasics } from '../../shared/config/lambda-basics.js';
import type { Logger } from '../../shared/logging/logger.js';
import { createHandler } from '../../shared/middleware/create-handler.js';
import { describeCrawlFailure } from '../../shared/workflow/describe-crawl-failure.js';
import { describeCrawlFailureEventSchema } from '../../shared/workflow/step-events.js';

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
  return createHandler({
    name: 'describe-crawl-failure',
    schema: describeCrawlFailureEventSchema,
    resolve,
    run: async (event, { s3, config, logger }) => {
      const store = new S3ObjectStore(s3, event.bucket);
      const description = await describeCrawlFailure(event, { store, config });
      logger.info('Described crawl failure', { ...description });
      return description;
    },
  });
}

/** Collaborators from the Lambda environment. */
export async function dependenciesFromEnvironment(): Promise<DescribeCrawlFailureDependencies> {
  const { env, config, logger } = await loadLambdaBasics();
  return { s3: createS3Client({ endpoint: env.AWS_ENDPOINT_URL_S3 }), config, logger };
}

export const handler = createDescribeCrawlFailureHandler(dependenciesFromEnvironment);
