import { createGlueClient } from '../../shared/aws/glue-client.js';
import type { Config } from '../../shared/config/config-schema.js';
import { loadLambdaBasics } from '../../shared/config/lambda-basics.js';
import { deployedStage } from '../../shared/glue/crawler-name.js';
import { ensureCrawler } from '../../shared/glue/ensure-crawler.js';
import type { GlueCatalog } from '../../shared/glue/glue-catalog.js';
import { SdkGlueCatalog } from '../../shared/glue/sdk-glue-catalog.js';
import type { Logger } from '../../shared/logging/logger.js';
import { createHandler } from '../../shared/middleware/create-handler.js';
import { ensureCrawlerEventSchema } from '../../shared/workflow/step-events.js';

export interface EnsureCrawlerDependencies {
  catalog: GlueCatalog;
  config: Config;
  /** CRAWLER_ROLE_ARN; undefined keeps an existing crawler's role. */
  crawlerRole: string | undefined;
  /** STAGE: the deployed stage, put into crawler names; undefined locally. */
  stage?: string | undefined;
  logger: Logger;
}

/** Builds the handler around its collaborators, resolved once (cold start). */
export function createEnsureCrawlerHandler(resolve: () => Promise<EnsureCrawlerDependencies>) {
  return createHandler({
    name: 'ensure-crawler',
    schema: ensureCrawlerEventSchema,
    resolve,
    run: async (event, { catalog, config, crawlerRole, stage, logger }) => {
      const result = await ensureCrawler(event, { catalog, config, role: crawlerRole, stage });
      logger.info('Ensured crawler', { ...result });
      return result;
    },
  });
}

/** Collaborators from the Lambda environment. */
export async function dependenciesFromEnvironment(): Promise<EnsureCrawlerDependencies> {
  const { env, config, logger } = await loadLambdaBasics();
  const glue = createGlueClient({ endpoint: env.AWS_ENDPOINT_URL_GLUE });
  return {
    catalog: new SdkGlueCatalog(glue),
    config,
    crawlerRole: env.CRAWLER_ROLE_ARN,
    stage: deployedStage(),
    logger,
  };
}

export const handler = createEnsureCrawlerHandler(dependenciesFromEnvironment);
