import type { Config } from '../config/config-schema.js';
import { ownEntry } from '../config/own-entry.js';
import { sampleLengthsByFinalName } from '../glue/column-names.js';
import type { Logger } from '../logging/logger.js';
import type { CatalogColumn } from '../mysql/catalog-column.js';
import type { SyncTableDdlResult } from '../mysql/ddl-result.js';
import type { DisposableQueryable } from '../mysql/dry-run-connection.js';
import type { MysqlSettings } from '../mysql/mysql-settings.js';
import { openMysql } from '../mysql/open-mysql.js';
import { syncTableDdl } from '../mysql/sync-table-ddl.js';
import type { WorkflowInput } from './workflow-input.js';

export interface SyncRdsTableRequest
  extends Pick<WorkflowInput, 'table' | 'header' | 'sampleMaxLengths'> {
  /** The catalog table's columns after CoerceSchema. */
  columns: readonly CatalogColumn[];
}

export interface SyncRdsTableDeps {
  settings: MysqlSettings;
  config: Config;
  logger?: Pick<Logger, 'info'>;
  /** Opens the connection; default a real one (`--ddl-out` passes a dry run). */
  connect?: (settings: MysqlSettings) => Promise<DisposableQueryable>;
}

/**
 * Mirrors the coerced catalog table in MySQL, in the database the settings name. Sampled
 * lengths are keyed by the file's header names; they follow the same renames as the catalog.
 */
export async function syncRdsTable(
  request: SyncRdsTableRequest,
  deps: SyncRdsTableDeps,
): Promise<SyncTableDdlResult> {
  const { settings, config } = deps;
  const connection = await (deps.connect ?? openMysql)(settings);
  try {
    return await syncTableDdl(
      {
        database: settings.database,
        table: request.table,
        columns: request.columns,
        sampleMaxLengths: sampleLengthsByFinalName(
          request.header,
          request.sampleMaxLengths,
          ownEntry(config.tables, request.table),
        ),
        typeMap: config.rds.typeMap,
      },
      { connection, logger: deps.logger },
    );
  } finally {
    // A connection that broke mid-statement cannot end cleanly; its error is already thrown.
    await connection.end().catch(() => undefined);
  }
}
