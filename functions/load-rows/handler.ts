import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import { createHandler } from '../../shared/middleware/create-handler.js';
import {
  type MysqlStepDependencies,
  mysqlStepDependenciesFromEnvironment,
} from '../../shared/middleware/mysql-step-dependencies.js';
import { loadRowsStep } from '../../shared/workflow/load-rows-step.js';
import { loadRowsEventSchema } from '../../shared/workflow/step-events.js';
import type { LoadSummary } from '../../shared/workflow/step-summaries.js';

export type LoadRowsDependencies = MysqlStepDependencies;

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
export const dependenciesFromEnvironment = mysqlStepDependenciesFromEnvironment;

export const handler = createLoadRowsHandler(dependenciesFromEnvironment);
