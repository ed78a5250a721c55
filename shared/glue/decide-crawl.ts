import type { Config } from '../config/config-schema.js';
import { ownEntry } from '../config/own-entry.js';
import { tablePaths } from '../filing/table-paths.js';
import type { WorkflowInput } from '../workflow/workflow-input.js';
import { matchColumns } from './column-match.js';
import { type FileHeader, finalColumnNames } from './column-names.js';
import type { GlueCatalog } from './glue-catalog.js';

export interface CrawlDecision {
  crawl: boolean;
  reason: string;
}

/** Why a crawl is skipped for new columns under UpdateBehavior LOG. */
export const LOG_CRAWL_SKIPPED =
  'new columns are added by CoerceSchema; a LOG crawler would not change the table';

/**
 * A crawl costs at least ten DPU-minutes and a few minutes of waiting: crawl only when the
 * catalog may lack something the crawler finds — the table, columns of this file, partitions.
 * Otherwise CoerceSchema alone brings the table in line with the file.
 *
 * New header columns of an existing, unpartitioned table are no reason to crawl under
 * UpdateBehavior LOG: such a crawler leaves the table's columns alone, and CoerceSchema adds
 * them anyway. Under UPDATE_IN_DATABASE the crawl does change the table, so it runs.
 */
export async function decideCrawl(
  input: Pick<WorkflowInput, 'table' | 'key'> & { header: FileHeader },
  deps: { catalog: GlueCatalog; config: Config },
): Promise<CrawlDecision> {
  const { config } = deps;
  const database = config.glue.database;
  if (config.crawl.mode === 'always') return { crawl: true, reason: 'crawl.mode is always' };
  const table = await deps.catalog.getTable(database, input.table);
  if (!table) {
    return { crawl: true, reason: `table ${database}.${input.table} is not in the catalog yet` };
  }
  if ((table.PartitionKeys ?? []).length > 0 || underPartitionFolder(input.table, input.key)) {
    return { crawl: true, reason: 'the table is partitioned: the file may be in a new partition' };
  }
  const names = (table.StorageDescriptor?.Columns ?? []).map((c) => c.Name ?? '');
  const finals = finalColumnNames(input.header, ownEntry(config.tables, input.table));
  const { newHeaderColumns } = matchColumns(names, input.header, finals);
  if (newHeaderColumns.length === 0) {
    return { crawl: false, reason: 'the table has every column of the file: crawl skipped' };
  }
  const added = fewNames(newHeaderColumns.map((i) => finals[i] ?? ''));
  if (config.crawl.schemaChangePolicy.updateBehavior === 'LOG') {
    return { crawl: false, reason: `${LOG_CRAWL_SKIPPED} (new in the file: ${added})` };
  }
  return { crawl: true, reason: `the file has columns ${database}.${input.table} lacks: ${added}` };
}

/** `<table>/year=2025/x.csv`: the key sits under a Hive-style key=value folder. */
function underPartitionFolder(table: string, key: string): boolean {
  const relative = key.startsWith(tablePaths.prefix(table))
    ? key.slice(tablePaths.prefix(table).length)
    : key;
  return relative
    .split('/')
    .slice(0, -1)
    .some((segment) => segment.includes('='));
}

/**
 * The first few names and how many more: the reason is kept in the Step Functions state, which
 * a 1,000-column file's names would push past its 256 KB quota.
 */
function fewNames(names: readonly string[], shown = 5): string {
  const more = names.length - shown;
  return more > 0 ? `${names.slice(0, shown).join(', ')} and ${more} more` : names.join(', ');
}
