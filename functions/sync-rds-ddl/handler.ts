import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { z } from 'zod';
import type { Config } from '../../shared/config/config-schema.js';
import { loadLambdaBasics } from '../../shared/config/lambda-basics.js';
import type { Logger } from '../../shared/logging/logger.js';
import { validateEvent } from '../../shared/middleware/validate-event.js';
import type { SyncTableDdlResult } from '../../shared/mysql/ddl-result.js';
import type { DisposableQueryable } from '../../shared/mysql/dry-run-connection.js';
import type { MysqlSettings } from '../../shared/mysql/mysql-settings.js';
import { resolveMysqlSettings } from '../../shared/mysql/resolve-mysql-settings.js';
import { syncRdsTable } from '../../shared/workflow/sync-rds-table.js';
import { workflowInputSchema } from '../../shared/workflow/workflow-input-schema.js';

/**
 * The state SyncRdsDdl reads: the execution input and CoerceSchema's columns; a column's
 * `comment` (the header cell, where the name differs) becomes its MySQL COMMENT.
 */
const syncEventSchema = workflowInputSchema.extend({
  coerce: z.object({
    columns: z
      .array(
        z.object({
          name: z.string().min(1),
          type: z.string().min(1),
          comment: z.string().optional(),
        }),
      )
      .min(1),
  }),
});
type SyncRdsDdlEvent = z.infer<typeof syncEventSchema>;

export interface SyncRdsDdlDependencies {
  config: Config;
  /** Resolved per invocation: a rotated RDS secret is picked up without a cold start. */
  mysqlSettings: () => Promise<MysqlSettings>;
  logger: Logger;
  /** Opens the connection; default a real one (the local `--ddl-out` passes a dry run). */
  connect?: (settings: MysqlSettings) => Promise<DisposableQueryable>;
}

/** Builds the handler around its collaborators, resolved once (cold start). */
export function createSyncRdsDdlHandler(resolve: () => Promise<SyncRdsDdlDependencies>) {
  let deps: Promise<SyncRdsDdlDependencies> | undefined;
  const sync = async (event: SyncRdsDdlEvent, _context: Context): Promise<SyncTableDdlResult> => {
    deps ??= resolve();
    const { config, mysqlSettings, logger, connect } = await deps;
    const settings = await mysqlSettings();
    const result = await syncRdsTable(
      { ...event, columns: event.coerce.columns },
      { settings, config, logger, connect },
    );
    logger.info('Synced MySQL table', { ...result });
    return result;
  };
  return middy(sync).use(validateEvent(syncEventSchema));
}

/** Collaborators from the Lambda environment: RDS_SECRET_ARN on AWS, MYSQL_URL locally. */
export async function dependenciesFromEnvironment(): Promise<SyncRdsDdlDependencies> {
  const { config, logger } = await loadLambdaBasics();
  let secretsManagerClient: SecretsManagerClient | undefined;
  const mysqlSettings = () => {
    if (process.env.RDS_SECRET_ARN) secretsManagerClient ??= new SecretsManagerClient({});
    return resolveMysqlSettings({ env: process.env, secretsManagerClient });
  };
  return { config, mysqlSettings, logger };
}

export const handler = createSyncRdsDdlHandler(dependenciesFromEnvironment);
