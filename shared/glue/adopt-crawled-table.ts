import type { Partition, PartitionInput, Table } from '@aws-sdk/client-glue';
import { ownEntry } from '../config/own-entry.js';
import { tablePaths } from '../filing/table-paths.js';
import type { Logger } from '../logging/logger.js';
import type { GlueCatalog } from './glue-catalog.js';
import { tableInputOf } from './table-input.js';

/** The parameter in which Glue's crawler signs the tables it writes. */
const UPDATED_BY_CRAWLER = 'UPDATED_BY_CRAWLER';
/** BatchCreatePartition takes at most 100 partitions. */
const BATCH_SIZE = 100;

export interface AdoptRequest {
  database: string;
  bucket: string;
  /** Our name for the table: its folder is `<table>/`. */
  table: string;
  /** Its crawler's name: crawlerNameFor(table, config, stage), as EnsureCrawler named it. */
  crawler: string;
}

/**
 * The catalog table of `<table>/` under our name, whatever name the crawler gave it. A crawler
 * names a table after its folder by its own rules (Glue documents "only alphanumeric characters
 * and underscore", so `학교목록/` may come back as `____`, or with a hash suffix when that name
 * is taken), so the pipeline never relies on it: a table at our location signed by our crawler
 * (`UPDATED_BY_CRAWLER` = `request.crawler`, named by shared/glue/crawler-name.ts) under another
 * name is adopted. When ours is missing,
 * it is created as a copy of the crawled one (which CoerceSchema then coerces); either way the
 * crawled table's partitions are copied to ours and the crawled table is deleted, so Athena users
 * never see two tables over one location. A crawler that cannot find its own name again (a LOG
 * crawler on the next snapshot) recreates it; the next coercion removes it again. Concurrent
 * executions may both adopt: a table created or deleted by the other counts as done.
 * Returns our table (undefined when there is none, and nothing to adopt).
 */
export async function adoptCrawledTable(
  catalog: GlueCatalog,
  request: AdoptRequest,
  logger?: Pick<Logger, 'info'>,
): Promise<Table | undefined> {
  const { database, table, crawler } = request;
  const location = `s3://${request.bucket}/${tablePaths.prefix(table)}`;
  const crawled = (await catalog.tablesAt(database, location)).filter(
    (found) =>
      !sameName(found.Name, table) && ownEntry(found.Parameters, UPDATED_BY_CRAWLER) === crawler,
  );
  let ours = await catalog.getTable(database, table);
  if (crawled.length === 0) return ours;
  if (!ours) {
    const base = newest(crawled);
    await catalog.createTable(database, { ...tableInputOf(base), Name: table });
    logger?.info('Adopted the crawled table under our name', {
      database,
      table,
      crawled: base.Name,
      location,
    });
    ours = await catalog.getTable(database, table);
  }
  for (const found of crawled) {
    if (ours && samePartitionKeys(ours, found)) {
      await copyPartitions(catalog, database, found, table);
    }
    if (await catalog.deleteTable(database, found.Name ?? '')) {
      logger?.info('Deleted the crawled table: our table covers its location', {
        database,
        table,
        deleted: found.Name,
        location,
      });
    }
  }
  return catalog.getTable(database, table);
}

/** Glue stores table names lower-cased. */
function sameName(name: string | undefined, table: string): boolean {
  return (name ?? '').toLowerCase() === table.toLowerCase();
}

/** The table the crawler wrote last: the one that reflects the latest crawl. */
function newest(tables: readonly Table[]): Table {
  const time = (t: Table) => (t.UpdateTime ?? t.CreateTime)?.getTime() ?? 0;
  return tables.reduce((latest, t) => (time(t) > time(latest) ? t : latest));
}

function samePartitionKeys(a: Table, b: Table): boolean {
  const names = (t: Table) => (t.PartitionKeys ?? []).map((key) => key.Name).join('\u0000');
  return (a.PartitionKeys ?? []).length > 0 && names(a) === names(b);
}

/** Partitions the crawler added to its table (a new folder) belong to ours. */
async function copyPartitions(
  catalog: GlueCatalog,
  database: string,
  from: Table,
  to: string,
): Promise<void> {
  for await (const page of catalog.partitions(database, from.Name ?? '')) {
    const inputs = page.map(partitionInputOf);
    for (let start = 0; start < inputs.length; start += BATCH_SIZE) {
      await catalog.createPartitions(database, to, inputs.slice(start, start + BATCH_SIZE));
    }
  }
}

function partitionInputOf(partition: Partition): PartitionInput {
  return {
    Values: partition.Values,
    StorageDescriptor: partition.StorageDescriptor,
    Parameters: partition.Parameters,
    LastAccessTime: partition.LastAccessTime,
    LastAnalyzedTime: partition.LastAnalyzedTime,
  };
}
