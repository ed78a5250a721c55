import type { Config } from '../config/config-schema.js';
import { loadSettingsFor } from '../config/load-settings.js';
import { ownEntry } from '../config/own-entry.js';
import { ConfigError, RdsLoadSourceChanged } from '../errors.js';
import type { ObjectStore } from '../filing/object-store.js';
import { sniffObject } from '../filing/sniff-object.js';
import { finalColumnNames } from '../glue/column-names.js';
import type { GlueCatalog } from '../glue/glue-catalog.js';
import type { Logger } from '../logging/logger.js';
import type { DisposableQueryable } from '../mysql/dry-run-connection.js';
import { loadRows } from '../mysql/load-rows.js';
import type { MysqlSettings } from '../mysql/mysql-settings.js';
import { openMysql } from '../mysql/open-mysql.js';
import { coercedColumns } from './coerced-columns.js';
import { effectiveChunkBytes } from './history-bound.js';
import type { LoadRowsEvent } from './step-events.js';
import { type LoadSummary, loadSummary } from './step-summaries.js';

export interface LoadRowsStepDeps {
  /** The coerced table's columns: a value too long for its column widens it through them. */
  catalog: GlueCatalog;
  store: ObjectStore;
  settings: MysqlSettings;
  config: Config;
  logger?: Pick<Logger, 'info'>;
  /** Opens the connection; default a real one, with the same TLS as SyncRdsDdl. */
  connect?: (settings: MysqlSettings) => Promise<DisposableQueryable>;
}

/**
 * LoadRows: one chunk of the filed file into its MySQL table, from the cursor the state
 * machine hands back (offset, chunks, eTag). The first invocation records the object's ETag;
 * every later one reads only that version, so a re-drop under the same key mid-load fails
 * (RdsLoadSourceChanged) instead of mixing two files. The header is read again from the filed
 * head (the state carries no column list) and named as CoerceSchema named the catalog.
 */
export async function loadRowsStep(
  event: Omit<LoadRowsEvent, 'bucket'>,
  deps: LoadRowsStepDeps,
): Promise<LoadSummary> {
  const { config, store, settings } = deps;
  const load = loadSettingsFor(config, event.table);
  if (load.load === 'off') {
    // IsLoadWanted skips LoadRows when the config says off; reaching here means the config
    // changed under a running execution.
    throw new ConfigError(
      `rds.load is off for ${event.table}: LoadRows loads nothing (set rds.load or rds.tables.${event.table}.load to replace or append)`,
    );
  }
  const object = await store.head(event.key);
  if (!object) {
    // A newer snapshot archived the file (its own execution loads that one); a redrive
    // lands here again and is as harmless.
    return {
      done: true,
      offset: event.offset,
      chunks: event.chunks,
      eTag: event.eTag,
      rows: 0,
      mode: load.load,
      alreadyLoaded: false,
      resumed: false,
      skipped: 'superseded',
      widened: { count: 0, first: [] },
    };
  }
  // The load's identity is the ETag its first chunk read: a later chunk of a re-dropped key
  // reads If-Match that ETag, and the loader fails it (RdsLoadSourceChanged) after dropping
  // what the old load staged, rather than leaving it behind.
  const eTag = event.eTag ?? object.eTag;
  if (eTag === undefined) {
    throw new RdsLoadSourceChanged(
      `${event.key} has no ETag to pin the load to: nothing was loaded; run \`csv-catalog sync --table ${event.table}\``,
    );
  }
  const profile = await sniffObject(store, object, event.table, config, 'utf-8');
  const fields = finalColumnNames(profile.header, ownEntry(config.tables, event.table));
  const columns = await coercedColumns(deps.catalog, config.glue.database, event.table);
  const connection = await (deps.connect ?? openMysql)(settings);
  try {
    const result = await loadRows(
      {
        database: settings.database,
        table: event.table,
        key: event.key,
        // The load's identity: a redrive of the same filing resumes it, another filing of the
        // same key (a re-drop) is another load.
        snapshot: eTag,
        eTag,
        delimiter: profile.delimiter,
        quote: profile.quote,
        mode: load.load,
        emptyAs: load.emptyAs,
        maxShrink: load.maxShrink,
        fields,
        offset: event.offset,
        chunkBytes: effectiveChunkBytes(load.chunkBytes, object.size),
        ...(profile.lineBreak === '\r' ? {} : { lineBreak: profile.lineBreak }),
        lockWaitSeconds: config.rds.lockWaitSeconds,
        catalog: {
          columns,
          typeMap: config.rds.typeMap,
          mirror: ownEntry(config.rds.tables, event.table),
        },
      },
      { connection, store },
    );
    deps.logger?.info('Loaded rows into MySQL', { key: event.key, eTag, ...result });
    return loadSummary(result, eTag);
  } finally {
    // A connection that broke mid-statement cannot end cleanly; its error is already thrown.
    await connection.end().catch(() => undefined);
  }
}
