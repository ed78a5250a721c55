import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { createGlueClient } from '../../shared/aws/glue-client.js';
import type { Config } from '../../shared/config/config-schema.js';
import { loadLambdaBasics } from '../../shared/config/lambda-basics.js';
import { type CrawlDecision, decideCrawl } from '../../shared/glue/decide-crawl.js';
import type { GlueCatalog } from '../../shared/glue/glue-catalog.js';
import { SdkGlueCatalog } from '../../shared/glue/sdk-glue-catalog.js';
import type { Logger } from '../../shared/logging/logger.js';
import { validateEvent } from '../../shared/middleware/validate-event.js';
import type { WorkflowInput } from '../../shared/workflow/workflow-input.js';
import { workflowInputSchema } from '../../shared/workflow/workflow-input-schema.js';

export interface DecideCrawlDependencies {
  catalog: GlueCatalog;
  config: Config;
  logger: Logger;
}

/** Builds the handler around its collaborators, resolved once (cold start). */
export function createDecideCrawlHandler(resolve: () => Promise<DecideCrawlDependencies>) {
  let deps: Promise<DecideCrawlDependencies> | undefined;
  const decide = async (event: WorkflowInput, _context: Context): Promise<CrawlDecision> => {
    deps ??= resolve();
    const { catalog, config, logger } = await deps;
    const decision = await decideCrawl(event, { catalog, config });
    logger.info('Decided whether to crawl', { table: event.table, ...decision });
    return decision;
  };
  return middy(decide).use(validateEvent(workflowInputSchema));
}

/** Collaborators from the Lambda environment. */
export async function dependenciesFromEnvironment(): Promise<DecideCrawlDependencies> {
  const { env, config, logger } = await loadLambdaBasics();
  const glue = createGlueClient({ endpoint: env.AWS_ENDPOINT_URL_GLUE });
  return { catalog: new SdkGlueCatalog(glue), config, logger };
}

export const handler = createDecideCrawlHandler(dependenciesFromEnvironment);
