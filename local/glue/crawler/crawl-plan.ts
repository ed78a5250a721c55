import type { S3Client } from '@aws-sdk/client-s3';
import pLimit from 'p-limit';
import type { GlueCrawler, GlueCsvClassifier, GlueS3Target } from '../catalog-model.js';
import { unreadableObject } from './crawl-errors.js';
import { classifyCsv } from './csv-classifier.js';
import { decodeSample } from './csv-sample.js';
import {
  listTargetObjects,
  parseS3Path,
  readObjectHead,
  type S3ObjectEntry,
} from './s3-inventory.js';
import { layoutTable, type TableLayout } from './table-layout.js';
import {
  type ClassifiedObject,
  type CrawlStatistics,
  crawlStatistics,
  type MergedSchema,
  mergeSchemas,
} from './table-schema.js';

/** Objects read at once: enough to hide S3 latency, few enough for a shared two-core machine. */
const READ_CONCURRENCY = 8;

/** What a crawl found for one include path, before anything is written to the catalog. */
export interface TableDraft {
  layout: TableLayout;
  schema: MergedSchema;
  statistics: CrawlStatistics;
  partitions: {
    values: string[];
    location: string;
    schema: MergedSchema;
    statistics: CrawlStatistics;
  }[];
}

export interface CrawlInputs {
  crawler: GlueCrawler;
  classifiers: readonly GlueCsvClassifier[];
  s3: S3Client;
  signal: AbortSignal;
  log: (message: string) => void;
}

/** Reads every include path of a crawler and infers its tables; writes nothing. */
export async function planCrawl(inputs: CrawlInputs): Promise<TableDraft[]> {
  const drafts: TableDraft[] = [];
  for (const target of inputs.crawler.Targets.S3Targets) {
    const draft = await planTarget(target, inputs);
    if (draft) drafts.push(draft);
  }
  return drafts;
}

async function planTarget(
  target: GlueS3Target,
  inputs: CrawlInputs,
): Promise<TableDraft | undefined> {
  const location = parseS3Path(target.Path);
  const objects = await listTargetObjects(
    inputs.s3,
    location,
    target.Exclusions ?? [],
    inputs.signal,
  );
  const listed = layoutTable(location, objects, inputs.crawler.TablePrefix ?? '');
  if (!listed) {
    inputs.log(`No objects under ${target.Path}: nothing to catalog.`);
    return undefined;
  }
  const limit = pLimit(READ_CONCURRENCY);
  const sampled = sampleOf(listed.objects, target.SampleSize);
  const results = await Promise.all(
    sampled.map((entry) => limit(() => classifyObject(entry, inputs))),
  );
  const classified = results.filter(
    (result): result is ClassifiedObject => result !== GONE && result !== undefined,
  );
  // Objects deleted since the listing are no part of the table, its statistics or partitions.
  const gone = new Set(sampled.filter((_, i) => results[i] === GONE).map((entry) => entry.key));
  const layout =
    gone.size === 0
      ? listed
      : layoutTable(
          location,
          objects.filter((entry) => !gone.has(entry.key)),
          inputs.crawler.TablePrefix ?? '',
        );
  if (!layout) {
    inputs.log(`No objects left under ${target.Path}: nothing to catalog.`);
    return undefined;
  }
  const schema = mergeSchemas(classified);
  if (!schema) {
    inputs.log(`No object under ${target.Path} was classified as CSV: no table.`);
    return undefined;
  }
  const partitions = layout.partitions.map((partition) => {
    const inPartition = new Set(partition.objects.map((entry) => entry.key));
    const files = classified.filter((file) => inPartition.has(file.entry.key));
    return {
      values: partition.values,
      location: partition.location,
      schema: mergeSchemas(files) ?? schema,
      statistics: crawlStatistics(partition.objects, files),
    };
  });
  return { layout, schema, statistics: crawlStatistics(layout.objects, classified), partitions };
}

/** An object listed, then deleted before it was read. */
const GONE = 'gone';

async function classifyObject(
  entry: S3ObjectEntry,
  inputs: CrawlInputs,
): Promise<ClassifiedObject | typeof GONE | undefined> {
  const where = `s3://${entry.bucket}/${entry.key}`;
  const head = await readObjectHead(inputs.s3, entry, inputs.signal);
  if (!head) {
    inputs.log(`${where} was deleted after it was listed (NoSuchKey): skipped.`);
    return GONE;
  }
  const { bytes, truncated } = head;
  let schema: ClassifiedObject['schema'] | undefined;
  try {
    const text = decodeSample(bytes, truncated);
    schema = classifyCsv(text, truncated, inputs.classifiers);
  } catch (error) {
    throw unreadableObject(where, error instanceof Error ? error.message : String(error));
  }
  if (!schema) {
    inputs.log(`${where} is not recognised as CSV (fewer than two columns or rows): skipped.`);
    return undefined;
  }
  const sampleRows = schema.sampleRecords + (schema.headerTaken ? 1 : 0);
  return { entry, schema, sampleBytes: bytes.length, sampleRows };
}

/** S3Target.SampleSize: only the first N files of each leaf folder are read. */
function sampleOf(
  objects: readonly S3ObjectEntry[],
  sampleSize: number | undefined,
): S3ObjectEntry[] {
  if (sampleSize === undefined) return [...objects];
  const perFolder = new Map<string, number>();
  return objects.filter((entry) => {
    const folder = entry.key.slice(0, entry.key.lastIndexOf('/') + 1);
    const seen = perFolder.get(folder) ?? 0;
    perFolder.set(folder, seen + 1);
    return seen < sampleSize;
  });
}
