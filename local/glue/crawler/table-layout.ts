import type { S3Location, S3ObjectEntry } from './s3-inventory.js';

export interface PartitionLayout {
  values: string[];
  location: string;
  objects: S3ObjectEntry[];
}

/** Where one include path's table lives and how its objects split into partitions. */
export interface TableLayout {
  tableName: string;
  location: string;
  partitionKeys: string[];
  partitions: PartitionLayout[];
  objects: S3ObjectEntry[];
}

const HIVE_SEGMENT = /^([^=]+)=(.*)$/;

/**
 * One table per include path, named after its last folder (the bucket for a whole bucket) with
 * the crawler's TablePrefix, lower-cased with other characters than [a-z0-9_] made `_`, as Glue
 * names tables. Folders between the include path and the files become partition keys: `key=value`
 * folders give `key`, other folders `partition_0`, `partition_1`, … as Glue names them.
 */
export function layoutTable(
  location: S3Location,
  objects: readonly S3ObjectEntry[],
  tablePrefix: string,
): TableLayout | undefined {
  if (objects.length === 0) return undefined;
  const sorted = [...objects].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const folders = (entry: S3ObjectEntry) => entry.relativeKey.split('/').slice(0, -1);
  // Files at different depths share the shallowest structure; deeper folders stay inside a partition.
  const depth = sorted.reduce(
    (shallowest, entry) => Math.min(shallowest, folders(entry).length),
    Number.POSITIVE_INFINITY,
  );
  const first = folders(sorted[0] as S3ObjectEntry);
  const partitionKeys = first
    .slice(0, depth)
    .map(
      (segment, index) => HIVE_SEGMENT.exec(segment)?.[1]?.toLowerCase() ?? `partition_${index}`,
    );
  const root = `s3://${location.bucket}/${location.prefix}`;
  const partitions = new Map<string, PartitionLayout>();
  for (const entry of depth === 0 ? [] : sorted) {
    const segments = folders(entry).slice(0, depth);
    const path = `${segments.join('/')}/`;
    const existing = partitions.get(path);
    if (existing) {
      existing.objects.push(entry);
      continue;
    }
    partitions.set(path, {
      values: segments.map((segment) => HIVE_SEGMENT.exec(segment)?.[2] ?? segment),
      location: `${root}${path}`,
      objects: [entry],
    });
  }
  return {
    tableName: tableNameFor(location, tablePrefix),
    location: root,
    partitionKeys,
    partitions: [...partitions.values()],
    objects: sorted,
  };
}

/**
 * AWS documents that crawled table names allow "only alphanumeric characters and underscore"
 * (How crawlers work, https://docs.aws.amazon.com/glue/latest/dg/crawler-running.html) without
 * saying whether Hangul counts as alphanumeric; this is the conservative reading: ASCII only, so
 * `학교목록/` is crawled into `____`. The pipeline never relies on the crawler's name: CoerceSchema
 * finds the crawled table by its location (shared/glue/adopt-crawled-table.ts).
 */
function tableNameFor(location: S3Location, tablePrefix: string): string {
  const folder = location.prefix.split('/').filter(Boolean).at(-1) ?? location.bucket;
  return `${tablePrefix}${folder}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
}
