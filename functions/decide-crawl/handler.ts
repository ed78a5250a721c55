import type { S3Client } from '@aws-sdk/client-s3';
import { createGlueClient } from '../../shared/aws/glue-client.js';
import { createS3Client } from '../../shared/aws/s3-client.js';
import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import type { Config } from '../../shared/config/config-schema.js';
import { loadLambdaBasics } from '../../shared/config/lambda-basics.js';
import { type CrawlDecision, decideCrawl } from '../../shared/glue/decide-crawl.js';
import type { GlueCatalog } from '../../shared/glue/glue-catalog.js';
import { SdkGlueCatalog } from '../../shared/glue/sdk-glue-catalog.js';
import type { Logger } from '../../shared/logging/logger.js';
import { createHandler } from '../../shared/middleware/create-handler.js';
import { readFiledHead } from '../../shared/workflow/filed-head.js';
import { decideCrawlEventSchema } from '../../shared/workflow/step-events.js';

export interface DecideCrawlDependencies {
  catalog: GlueCatalog;
  /** The filed file's head holds the header (the execution input does not carry it). */
  s3: S3Client;
  config: Config;
  logger: Logger;
}

/** Builds the handler around its collaborators, resolved once (cold start). */
export function createDecideCrawlHandler(resolve: () => Promise<DecideCrawlDependencies>) {
  return createHandler({
    name: 'decide-crawl',
    schema: decideCrawlEventSchema,
    resolve,
    run: async (event, { catalog, s3, config, logger }): Promise<CrawlDecision> => {
      const head = await readFiledHead(new S3ObjectStore(s3, event.bucket), event, config);
      // Gone: a newer snapshot archived it meanwhile; CoerceSchema ends the execution as superseded.
      const decision = head
        ? await decideCrawl({ ...event, header: head.header }, { catalog, config })
        : {
            crawl: false,
            reason: `${event.key} is gone (archived or removed): nothing to crawl for`,
          };
      logger.info('Decided whether to crawl', { ...decision });
      return decision;
    },
  });
}

/** Collaborators from the Lambda environment. */
export async function dependenciesFromEnvironment(): Promise<DecideCrawlDependencies> {
  const { env, config, logger } = await loadLambdaBasics();
  const glue = createGlueClient({ endpoint: env.AWS_ENDPOINT_URL_GLUE });
  return {
    catalog: new SdkGlueCatalog(glue),
    s3: createS3Client({ endpoint: env.AWS_ENDPOINT_URL_S3 }),
    config,
    logger,
  };
}

export const handler = createDecideCrawlHandler(dependenciesFromEnvironment);
