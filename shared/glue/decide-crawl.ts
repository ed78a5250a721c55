import type { Config } from '../config/config-schema.js';
import { tablePaths } from '../filing/table-paths.js';
import type { WorkflowInput } from '../workflow/workflow-input.js';
import { matchColumns } from './column-match.js';
import { finalColumnNames } from './column-names.js';
import type { GlueCatalog } from './glue-catalog.js';

export interface CrawlDecision {
  crawl: boolean;
  reason: string;
}

/**
 * A crawl costs at least ten DPU-minutes and a few minutes of waiting: crawl only when the
 * catalog may lack something the crawler finds — the table, columns of this file, partitions.
 * Otherwise CoerceSchema alone brings the table in line with the file.
 */
export async function decideCrawl(
  input: Pick<WorkflowInput, 'table' | 'key' | 'header'>,
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
  const finals = finalColumnNames(input.header, config.tables[input.table]);
  const { newHeaderColumns } = matchColumns(names, input.header, finals);
  if (newHeaderColumns.length > 0) {
    const added = newHeaderColumns.map((i) => finals[i]).join(', ');
    return { crawl: true, reason: `the file has columns the table lacks: ${added}` };
  }
  return { crawl: false, reason: 'the table has every column of the file: crawl skipped' };
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
