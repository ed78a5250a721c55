import type { S3Client } from '@aws-sdk/client-s3';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { createGlueClient } from '../../shared/aws/glue-client.js';
import { createS3Client } from '../../shared/aws/s3-client.js';
import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import type { Config } from '../../shared/config/config-schema.js';
import { loadLambdaBasics } from '../../shared/config/lambda-basics.js';
import { type CoerceResult, coerceTable } from '../../shared/glue/coerce-table.js';
import type { GlueCatalog } from '../../shared/glue/glue-catalog.js';
import { SdkGlueCatalog } from '../../shared/glue/sdk-glue-catalog.js';
import type { Logger } from '../../shared/logging/logger.js';
import { validateEvent } from '../../shared/middleware/validate-event.js';
import type { WorkflowInput } from '../../shared/workflow/workflow-input.js';
import { workflowInputSchema } from '../../shared/workflow/workflow-input-schema.js';

export interface CoerceSchemaDependencies {
  catalog: GlueCatalog;
  s3: S3Client;
  config: Config;
  logger: Logger;
}

/** Builds the handler around its collaborators, resolved once (cold start). */
export function createCoerceSchemaHandler(resolve: () => Promise<CoerceSchemaDependencies>) {
  let deps: Promise<CoerceSchemaDependencies> | undefined;
  const coerce = async (event: WorkflowInput, _context: Context): Promise<CoerceResult> => {
    deps ??= resolve();
    const { catalog, s3, config, logger } = await deps;
    const store = new S3ObjectStore(s3, event.bucket);
    const result = await coerceTable(event, { catalog, store, config, logger });
    // Warnings ride in the result (the execution output, the CLI's summary); logged at INFO so a
    // terminal running the local stack does not get them twice, once as a raw JSON line.
    logger.info('Coerced catalog table', {
      status: result.status,
      changes: result.changes,
      warnings: result.warnings,
    });
    return result;
  };
  return middy(coerce).use(validateEvent(workflowInputSchema));
}

/** Collaborators from the Lambda environment. */
export async function dependenciesFromEnvironment(): Promise<CoerceSchemaDependencies> {
  const { env, config, logger } = await loadLambdaBasics();
  return {
    catalog: new SdkGlueCatalog(createGlueClient({ endpoint: env.AWS_ENDPOINT_URL_GLUE })),
    s3: createS3Client({ endpoint: env.AWS_ENDPOINT_URL_S3 }),
    config,
    logger,
  };
}

export const handler = createCoerceSchemaHandler(dependenciesFromEnvironment);
