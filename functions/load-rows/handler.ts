import type { S3Client } from '@aws-sdk/client-s3';
import { createGlueClient } from '../../shared/aws/glue-client.js';
import { createS3Client } from '../../shared/aws/s3-client.js';
import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import type { Config } from '../../shared/config/config-schema.js';
import { loadLambdaBasics } from '../../shared/config/lambda-basics.js';
import type { GlueCatalog } from '../../shared/glue/glue-catalog.js';
import { SdkGlueCatalog } from '../../shared/glue/sdk-glue-catalog.js';
import type { Logger } from '../../shared/logging/logger.js';
import { createHandler } from '../../shared/middleware/create-handler.js';
import type { DisposableQueryable } from '../../shared/mysql/dry-run-connection.js';
import type { MysqlSettings } from '../../shared/mysql/mysql-settings.js';
import { mysqlSettingsFromEnvironment } from '../../shared/mysql/mysql-settings-from-environment.js';
import { loadRowsStep } from '../../shared/workflow/load-rows-step.js';
import { loadRowsEventSchema } from '../../shared/workflow/step-events.js';
import type { LoadSummary } from '../../shared/workflow/step-summaries.js';

export interface LoadRowsDependencies {
  /** The coerced table's columns, for widening a column too narrow for the file's values. */
  catalog: GlueCatalog;
  /** The filed file, streamed into LOAD DATA LOCAL INFILE. */
  s3: S3Client;
  config: Config;
  /** Resolved per invocation: a rotated RDS secret is picked up without a cold start. */
  mysqlSettings: () => Promise<MysqlSettings>;
  logger: Logger;
  connect?: (settings: MysqlSettings) => Promise<DisposableQueryable>;
}

/** Builds the handler around its collaborators, resolved once (cold start). */
export function createLoadRowsHandler(resolve: () => Promise<LoadRowsDependencies>) {
  return createHandler({
    name: 'load-rows',
    schema: loadRowsEventSchema,
    resolve,
    run: async (
      event,
      { catalog, s3, config, mysqlSettings, logger, connect },
    ): Promise<LoadSummary> => {
      const settings = await mysqlSettings();
      const store = new S3ObjectStore(s3, event.bucket);
      // The step logs the whole result (every widened column); the state machine gets a summary.
      return loadRowsStep(event, { catalog, store, settings, config, logger, connect });
    },
  });
}

/** Collaborators from the Lambda environment: RDS_SECRET_ARN on AWS, MYSQL_URL locally. */
export async function dependenciesFromEnvironment(): Promise<LoadRowsDependencies> {
  const { env, config, logger } = await loadLambdaBasics();
  return {
    catalog: new SdkGlueCatalog(createGlueClient({ endpoint: env.AWS_ENDPOINT_URL_GLUE })),
    s3: createS3Client({ endpoint: env.AWS_ENDPOINT_URL_S3 }),
    config,
    mysqlSettings: mysqlSettingsFromEnvironment(),
    logger,
  };
}

export const handler = createLoadRowsHandler(dependenciesFromEnvironment);
