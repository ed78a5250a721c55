import type { Config } from '../config/config-schema.js';
import { ownEntry } from '../config/own-entry.js';
import type { ObjectStore } from '../filing/object-store.js';
import { sampleLengthsByFinalName } from '../glue/column-names.js';
import type { GlueCatalog } from '../glue/glue-catalog.js';
import type { Logger } from '../logging/logger.js';
import type { SyncTableDdlResult } from '../mysql/ddl-result.js';
import type { DisposableQueryable } from '../mysql/dry-run-connection.js';
import type { MysqlSettings } from '../mysql/mysql-settings.js';
import { openMysql } from '../mysql/open-mysql.js';
import { syncTableDdl } from '../mysql/sync-table-ddl.js';
import { coercedColumns } from './coerced-columns.js';
import { type FiledHead, readFiledHead } from './filed-head.js';

export interface SyncRdsDdlStepRequest {
  bucket?: string;
  /** The filed file: its head gives the sampled lengths. */
  key: string;
  table: string;
}

export interface SyncRdsDdlStepDeps {
  /** Where the coerced table's columns (and comments) are read: the state does not carry them. */
  catalog: GlueCatalog;
  store: ObjectStore;
  settings: MysqlSettings;
  config: Config;
  logger?: Pick<Logger, 'info'>;
  /** Opens the connection; default a real one (`--ddl-out` passes a dry run). */
  connect?: (settings: MysqlSettings) => Promise<DisposableQueryable>;
}

/**
 * Mirrors the coerced catalog table in MySQL, in the database the settings name. The columns
 * are the Glue table's, read after CoerceSchema wrote them (a 1,000-column list would not fit
 * in a Step Functions state); sampled lengths come from the filed file's head, keyed by its
 * header names and following the same renames as the catalog. A file gone meanwhile (a newer
 * snapshot archived it) leaves only the catalog's types to size the columns.
 */
export async function syncRdsDdlStep(
  request: SyncRdsDdlStepRequest,
  deps: SyncRdsDdlStepDeps,
): Promise<SyncTableDdlResult> {
  const { settings, config } = deps;
  const columns = await coercedColumns(deps.catalog, config.glue.database, request.table);
  const head = await readFiledHead(deps.store, request, config);
  const connection = await (deps.connect ?? openMysql)(settings);
  try {
    return await syncTableDdl(
      {
        database: settings.database,
        table: request.table,
        columns,
        sampleMaxLengths: sampleLengths(head, request.table, config),
        typeMap: config.rds.typeMap,
        file: request.key,
        lockWaitSeconds: config.rds.lockWaitSeconds,
        mirror: ownEntry(config.rds.tables, request.table),
      },
      { connection, logger: deps.logger },
    );
  } finally {
    // A connection that broke mid-statement cannot end cleanly; its error is already thrown.
    await connection.end().catch(() => undefined);
  }
}

function sampleLengths(
  head: FiledHead | undefined,
  table: string,
  config: Config,
): Record<string, number> {
  if (!head) return {};
  return sampleLengthsByFinalName(
    head.header,
    head.sampleMaxLengths,
    ownEntry(config.tables, table),
  );
}
