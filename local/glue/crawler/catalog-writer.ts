import { createHash } from 'node:crypto';
import {
  type CatalogState,
  type GlueCrawler,
  type GluePartition,
  type GlueTable,
  LOCAL_CATALOG_ID,
  nowEpochSeconds,
  partitionKey,
} from '../catalog-model.js';
import { newDatabase } from '../operations/databases.js';
import { partitionsOf } from '../operations/partitions.js';
import type { TableDefinition } from '../operations/table-input.js';
import { findTable, putNewTable, replaceTableDefinition } from '../operations/tables.js';
import type { TableDraft } from './crawl-plan.js';
import {
  columnsOf,
  crawledParameters,
  crawledStorageDescriptor,
  crawledTableDefinition,
  crawlerPrincipal,
} from './crawled-table.js';
import { crawlerOptions } from './crawler-configuration.js';

export interface CatalogChanges {
  tablesCreated: number;
  tablesUpdated: number;
  partitionsAdded: number;
}

/**
 * Writes a crawl's findings into the catalog under the crawler's SchemaChangePolicy: a new table
 * is always created; an existing one is rewritten only under UPDATE_IN_DATABASE (LOG leaves its
 * columns, SerDe and parameters as they are). New partitions are always added; existing ones are
 * rewritten only under UPDATE_IN_DATABASE. Partitions take the table's columns when the crawler's
 * Configuration says InheritFromTable, their own inferred columns otherwise.
 */
export function writeCrawlResults(
  state: CatalogState,
  crawler: GlueCrawler,
  drafts: readonly TableDraft[],
  log: (message: string) => void,
): CatalogChanges {
  const changes: CatalogChanges = { tablesCreated: 0, tablesUpdated: 0, partitionsAdded: 0 };
  if (drafts.length === 0) return changes;
  const databaseName = (crawler.DatabaseName ?? 'default').toLowerCase();
  if (!state.databases.has(databaseName)) {
    state.databases.set(databaseName, newDatabase(databaseName));
    log(`Created database ${databaseName}.`);
  }
  const options = crawlerOptions(crawler.Configuration);
  const updateInDatabase = crawler.SchemaChangePolicy.UpdateBehavior === 'UPDATE_IN_DATABASE';
  for (const draft of drafts) {
    const definition = crawledTableDefinition({
      name: unclaimedName(state, databaseName, draft.layout.tableName, draft.layout.location),
      location: draft.layout.location,
      schema: draft.schema,
      statistics: draft.statistics,
      partitionKeys: draft.layout.partitionKeys,
      crawlerName: crawler.Name,
    });
    let table = findTable(state, databaseName, definition.Name);
    if (!table) {
      table = putNewTable(state, databaseName, definition, crawlerPrincipal(crawler.Role));
      changes.tablesCreated += 1;
      log(`Created table ${definition.Name} in database ${databaseName}.`);
    } else if (updateInDatabase) {
      if (options.mergeNewColumns) mergeColumnsInto(definition, table);
      if (differs(table, definition)) {
        table = replaceTableDefinition(state, table, {
          ...definition,
          LastAccessTime: table.LastAccessTime,
        });
        changes.tablesUpdated += 1;
        log(`Updated table ${definition.Name} in database ${databaseName}.`);
      }
    } else if (differs(table, definition)) {
      log(`Table ${definition.Name} changed; SchemaChangePolicy LOG leaves the catalog as it is.`);
    }
    changes.partitionsAdded += writePartitions(state, table, draft, {
      crawlerName: crawler.Name,
      inheritFromTable: options.partitionsInheritFromTable,
      updateInDatabase,
    });
  }
  return changes;
}

function writePartitions(
  state: CatalogState,
  table: GlueTable,
  draft: TableDraft,
  options: { crawlerName: string; inheritFromTable: boolean; updateInDatabase: boolean },
): number {
  if (draft.partitions.length === 0) return 0;
  if ((table.PartitionKeys ?? []).length !== draft.layout.partitionKeys.length) return 0;
  const partitions = partitionsOf(state, table);
  let added = 0;
  for (const found of draft.partitions) {
    const key = partitionKey(found.values);
    const existing = partitions.get(key);
    if (existing && !options.updateInDatabase) continue;
    const parameters = crawledParameters(found.schema, found.statistics, options.crawlerName);
    const columns = options.inheritFromTable
      ? (table.StorageDescriptor?.Columns ?? [])
      : columnsOf(found.schema);
    const descriptor = options.inheritFromTable
      ? {
          ...table.StorageDescriptor,
          Columns: columns,
          Location: found.location,
          Parameters: parameters,
        }
      : crawledStorageDescriptor(found.location, found.schema, columns, parameters);
    const partition: GluePartition = {
      Values: found.values,
      DatabaseName: table.DatabaseName,
      TableName: table.Name,
      CreationTime: existing?.CreationTime ?? nowEpochSeconds(),
      LastAccessTime: nowEpochSeconds(),
      StorageDescriptor: descriptor,
      Parameters: parameters,
      CatalogId: LOCAL_CATALOG_ID,
    };
    partitions.set(key, partition);
    if (!existing) added += 1;
  }
  return added;
}

/** MergeNewColumns: keep every existing column as it is and append the ones not seen before. */
function mergeColumnsInto(definition: TableDefinition, table: GlueTable): void {
  const existing = table.StorageDescriptor?.Columns ?? [];
  const known = new Set(existing.map((column) => column.Name));
  const added = (definition.StorageDescriptor?.Columns ?? []).filter((c) => !known.has(c.Name));
  if (definition.StorageDescriptor) definition.StorageDescriptor.Columns = [...existing, ...added];
}

/** Glue's limit on a name the crawler generates ("truncates generated names to fit"). */
const MAX_GENERATED_NAME = 128;

/**
 * The name a crawled table is written under. "If duplicate table names are encountered, the
 * crawler adds a hash string suffix to the name" (How crawlers work,
 * https://docs.aws.amazon.com/glue/latest/dg/crawler-running.html): a table of that name at
 * another location — another include path whose folder gives the same name, such as `학생/` and
 * `교사/`, both `__` — is left alone, and this one is `<name>_<hash of its location>`. The rule
 * is documented, the form of the hash is not: here the first 16 hex digits of its SHA-256.
 */
function unclaimedName(
  state: CatalogState,
  databaseName: string,
  name: string,
  location: string,
): string {
  const existing = findTable(state, databaseName, name);
  if (!existing || sameLocation(existing.StorageDescriptor?.Location, location)) return name;
  const hash = createHash('sha256').update(location).digest('hex').slice(0, 16);
  return `${name.slice(0, MAX_GENERATED_NAME - hash.length - 1)}_${hash}`;
}

/** `s3://b/t` and `s3://b/t/` are one location. */
function sameLocation(a: string | undefined, b: string): boolean {
  return a !== undefined && a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

/** Whether a crawl found anything the table does not already say (columns, SerDe, keys, figures). */
function differs(table: GlueTable, definition: TableDefinition): boolean {
  const essentials = (
    subject: Pick<GlueTable, 'StorageDescriptor' | 'PartitionKeys' | 'Parameters'>,
  ) =>
    JSON.stringify([
      subject.StorageDescriptor?.Columns,
      subject.StorageDescriptor?.SerdeInfo,
      subject.StorageDescriptor?.Location,
      subject.PartitionKeys,
      subject.Parameters,
    ]);
  return essentials(table) !== essentials(definition);
}
