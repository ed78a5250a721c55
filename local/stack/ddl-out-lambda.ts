import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createSyncRdsDdlHandler } from '../../functions/sync-rds-ddl/handler.js';
import type { Config } from '../../shared/config/config-schema.js';
import type { Logger } from '../../shared/logging/logger.js';
import type { SyncTableDdlResult } from '../../shared/mysql/ddl-result.js';
import { dryRunConnection } from '../../shared/mysql/dry-run-connection.js';
import type { MysqlSettings } from '../../shared/mysql/mysql-settings.js';
import { asLambdaHandler, type LambdaHandler } from '../workflow/lambda-stand-in.js';

/**
 * SyncRdsDdl for a machine without MySQL: the production handler on a dry-run connection,
 * its statements saved as `<dir>/<table>.sql` instead of run. Every other step runs for real.
 */
export function ddlOutLambda(options: {
  dir: string;
  config: Config;
  mysqlSettings: () => Promise<MysqlSettings>;
  logger: Logger;
}): LambdaHandler {
  const handler = asLambdaHandler(
    createSyncRdsDdlHandler(async () => ({
      config: options.config,
      mysqlSettings: options.mysqlSettings,
      logger: options.logger,
      connect: async () => dryRunConnection(),
    })),
  );
  return async (event, context) => {
    const result = (await handler(event, context)) as SyncTableDdlResult;
    await mkdir(options.dir, { recursive: true });
    const path = join(options.dir, sqlFileName(result.table));
    await writeFile(path, result.statements.map((s) => `${s};\n`).join(''));
    return { ...result, writtenTo: path };
  };
}

/**
 * `<table>.sql`, Korean and all; a table name is data, so a character no file name may hold
 * (`/`, `\`, NUL) becomes `_` and a name of dots stays in the folder.
 */
export function sqlFileName(table: string): string {
  const safe = table.replace(/[/\\\0]/g, '_');
  return `${/^\.+$/.test(safe) ? `_${safe}` : safe}.sql`;
}
