import type { S3Client } from '@aws-sdk/client-s3';
import { createGlueClient } from '../../shared/aws/glue-client.js';
import { createS3Client } from '../../shared/aws/s3-client.js';
import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import type { Config } from '../../shared/config/config-schema.js';
import { loadLambdaBasics } from '../../shared/config/lambda-basics.js';
import { coerceTable } from '../../shared/glue/coerce-table.js';
import { deployedStage } from '../../shared/glue/crawler-name.js';
import type { GlueCatalog } from '../../shared/glue/glue-catalog.js';
import { SdkGlueCatalog } from '../../shared/glue/sdk-glue-catalog.js';
import type { Logger } from '../../shared/logging/logger.js';
import { createHandler } from '../../shared/middleware/create-handler.js';
import { readFiledHead } from '../../shared/workflow/filed-head.js';
import { coerceSchemaEventSchema } from '../../shared/workflow/step-events.js';
import { coerceSummary } from '../../shared/workflow/step-summaries.js';

export interface CoerceSchemaDependencies {
  catalog: GlueCatalog;
  s3: S3Client;
  config: Config;
  logger: Logger;
  /** STAGE: the deployed stage, in crawler names (shared/glue/crawler-name.ts); undefined locally. */
  stage?: string | undefined;
}

/** Builds the handler around its collaborators, resolved once (cold start). */
export function createCoerceSchemaHandler(resolve: () => Promise<CoerceSchemaDependencies>) {
  return createHandler({
    name: 'coerce-schema',
    schema: coerceSchemaEventSchema,
    resolve,
    run: async (event, { catalog, s3, config, logger, stage }) => {
      const store = new S3ObjectStore(s3, event.bucket);
      const head = await readFiledHead(store, event, config);
      // A file gone meanwhile never reaches the header: coerceTable answers superseded first.
      const header = head?.header ?? { original: [], catalog: [] };
      const result = await coerceTable(
        { ...event, header },
        { catalog, store, config, logger, stage },
      );
      // The full lists go to the log; the state machine gets counts and the first few names.
      // Logged at INFO so a terminal running the local stack does not get the warnings twice.
      logger.info('Coerced catalog table', {
        status: result.status,
        changes: result.changes,
        warnings: result.warnings,
      });
      return coerceSummary(result);
    },
  });
}

/** Collaborators from the Lambda environment. */
export async function dependenciesFromEnvironment(): Promise<CoerceSchemaDependencies> {
  const { env, config, logger } = await loadLambdaBasics();
  return {
    catalog: new SdkGlueCatalog(createGlueClient({ endpoint: env.AWS_ENDPOINT_URL_GLUE })),
    s3: createS3Client({ endpoint: env.AWS_ENDPOINT_URL_S3 }),
    config,
    logger,
    stage: deployedStage(),
  };
}

export const handler = createCoerceSchemaHandler(dependenciesFromEnvironment);
