import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import { createHandler } from '../../shared/middleware/create-handler.js';
import {
  type MysqlStepDependencies,
  mysqlStepDependenciesFromEnvironment,
} from '../../shared/middleware/mysql-step-dependencies.js';
import { syncRdsDdlEventSchema } from '../../shared/workflow/step-events.js';
import { rdsSummary } from '../../shared/workflow/step-summaries.js';
import { syncRdsDdlStep } from '../../shared/workflow/sync-rds-ddl-step.js';

export type SyncRdsDdlDependencies = MysqlStepDependencies;

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
export const dependenciesFromEnvironment = mysqlStepDependenciesFromEnvironment;

export const handler = createSyncRdsDdlHandler(dependenciesFromEnvironment);
