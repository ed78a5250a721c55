import type { S3Client } from '@aws-sdk/client-s3';
import { createS3Client } from '../../shared/aws/s3-client.js';
import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import type { Config } from '../../shared/config/config-schema.js';
import { loadLambdaBasics } from '../../shared/config/lambda-basics.js';
import type { Logger } from '../../shared/logging/logger.js';
import { createHandler } from '../../shared/middleware/create-handler.js';
import { checkSnapshotStep } from '../../shared/workflow/check-snapshot-step.js';
import { checkSnapshotEventSchema } from '../../shared/workflow/step-events.js';

export interface CheckSnapshotDependencies {
  s3: S3Client;
  config: Config;
  logger: Logger;
  now?: () => Date;
}

/** Builds the handler around its collaborators, resolved once (cold start). */
export function createCheckSnapshotHandler(resolve: () => Promise<CheckSnapshotDependencies>) {
  return createHandler({
    name: 'check-snapshot',
    schema: checkSnapshotEventSchema,
    resolve,
    run: async (event, { s3, config, logger, now }) => {
      const store = new S3ObjectStore(s3, event.bucket);
      const result = await checkSnapshotStep(event, { store, config, now });
      logger.info('Checked snapshot', { ...result });
      return result;
    },
  });
}

/** Collaborators from the Lambda environment. */
export async function dependenciesFromEnvironment(): Promise<CheckSnapshotDependencies> {
  const { env, config, logger } = await loadLambdaBasics();
  return { s3: createS3Client({ endpoint: env.AWS_ENDPOINT_URL_S3 }), config, logger };
}

export const handler = createCheckSnapshotHandler(dependenciesFromEnvironment);
