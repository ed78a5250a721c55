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
import { syncRdsDdlEventSchema } from '../../shared/workflow/step-events.js';
import { rdsSummary } from '../../shared/workflow/step-summaries.js';
import { syncRdsDdlStep } from '../../shared/workflow/sync-rds-ddl-step.js';

export interface SyncRdsDdlDependencies {
  /** The coerced table's columns and comments are read from the Glue catalog. */
  catalog: GlueCatalog;
  /** The filed file's head gives the sampled lengths that size the columns. */
  s3: S3Client;
  config: Config;
  /** Resolved per invocation: a rotated RDS secret is picked up without a cold start. */
  mysqlSettings: () => Promise<MysqlSettings>;
  logger: Logger;
  /** Opens the connection; default a real one (the local `--ddl-out` passes a dry run). */
  connect?: (settings: MysqlSettings) => Promise<DisposableQueryable>;
}

/** Builds the handler around its collaborators, resolved once (cold start). */
export function createSyncRdsDdlHandler(resolve: () => Promise<SyncRdsDdlDependencies>) {
  return createHandler({
    name: 'sync-rds-ddl',
    schema: syncRdsDdlEventSchema,
    resolve,
    run: async (event, { catalog, s3, config, mysqlSettings, logger, connect }) => {
      const settings = await mysqlSettings();
      const store = new S3ObjectStore(s3, event.bucket);
      const result = await syncRdsDdlStep(event, {
        catalog,
        store,
        settings,
        config,
        logger,
        connect,
      });
      // The statements go to the log (one line each, as they run) and this line; the state
      // machine gets their count.
      logger.info('Synced MySQL table', { ...result });
      return rdsSummary(result);
    },
  });
}

/** Collaborators from the Lambda environment: RDS_SECRET_ARN on AWS, MYSQL_URL locally. */
export async function dependenciesFromEnvironment(): Promise<SyncRdsDdlDependencies> {
  const { env, config, logger } = await loadLambdaBasics();
  return {
    catalog: new SdkGlueCatalog(createGlueClient({ endpoint: env.AWS_ENDPOINT_URL_GLUE })),
    s3: createS3Client({ endpoint: env.AWS_ENDPOINT_URL_S3 }),
    config,
    mysqlSettings: mysqlSettingsFromEnvironment(),
    logger,
  };
}

export const handler = createSyncRdsDdlHandler(dependenciesFromEnvironment);
