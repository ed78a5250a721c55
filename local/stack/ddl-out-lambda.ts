import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GlueClient } from '@aws-sdk/client-glue';
import type { S3Client } from '@aws-sdk/client-s3';
import { createSyncRdsDdlHandler } from '../../functions/sync-rds-ddl/handler.js';
import type { Config } from '../../shared/config/config-schema.js';
import { SdkGlueCatalog } from '../../shared/glue/sdk-glue-catalog.js';
import type { Logger } from '../../shared/logging/logger.js';
import {
  type DisposableQueryable,
  dryRunConnection,
} from '../../shared/mysql/dry-run-connection.js';
import type { MysqlSettings } from '../../shared/mysql/mysql-settings.js';
import type { RdsSummary } from '../../shared/workflow/step-summaries.js';
import { asLambdaHandler, type LambdaHandler } from '../workflow/lambda-stand-in.js';

/**
 * SyncRdsDdl for a machine without MySQL: the production handler on a dry-run connection,
 * its statements saved as `<dir>/<table>.sql` instead of run. Every other step runs for real.
 */
export function ddlOutLambda(options: {
  dir: string;
  config: Config;
  s3: S3Client;
  glue: GlueClient;
  mysqlSettings: () => Promise<MysqlSettings>;
  logger: Logger;
}): LambdaHandler {
  // The handler answers the state machine with a count; the statements are recorded here, per
  // invocation: the workflows of several tables run at once.
  const invocation = new AsyncLocalStorage<string[]>();
  const handler = asLambdaHandler(
    createSyncRdsDdlHandler(async () => ({
      catalog: new SdkGlueCatalog(options.glue),
      s3: options.s3,
      config: options.config,
      mysqlSettings: options.mysqlSettings,
      logger: options.logger,
      connect: async () => recording(dryRunConnection(), invocation.getStore() ?? []),
    })),
  );
  return async (event, context) => {
    const statements: string[] = [];
    const result = (await invocation.run(statements, () => handler(event, context))) as RdsSummary;
    await mkdir(options.dir, { recursive: true });
    const path = join(options.dir, sqlFileName(result.table));
    await writeFile(path, statements.map((s) => `${s};\n`).join(''));
    return { ...result, writtenTo: path };
  };
}

/**
 * The connection, noting every statement but the reads (SELECT, SHOW) and the session's own
 * settings (SET lock_wait_timeout) in `statements`.
 */
function recording(connection: DisposableQueryable, statements: string[]): DisposableQueryable {
  const query = (sql: unknown, ...rest: unknown[]) => {
    const text = typeof sql === 'string' ? sql : String((sql as { sql?: string }).sql ?? '');
    if (!/^\s*(SELECT|SHOW|SET)\b/i.test(text)) statements.push(text);
    return (connection.query as (...args: unknown[]) => unknown)(sql, ...rest);
  };
  return { ...connection, query: query as DisposableQueryable['query'] };
}

/**
 * `<table>.sql`, Korean and all; a table name is data, so a character no file name may hold
 * (`/`, `\`, NUL) becomes `_` and a name of dots stays in the folder.
 */
export function sqlFileName(table: string): string {
  const safe = table.replace(/[/\\\0]/g, '_');
  return `${/^\.+$/.test(safe) ? `_${safe}` : safe}.sql`;
}
