import type { S3Client } from '@aws-sdk/client-s3';
import pLimit from 'p-limit';
import type { GlueCrawler, GlueCsvClassifier, GlueS3Target } from '../catalog-model.js';
import { unreadableObject } from './crawl-errors.js';
import { type CrawlerOptions, crawlerOptions } from './crawler-configuration.js';
import { classifyCsv } from './csv-classifier.js';
import { bomLength, decodeSample } from './csv-sample.js';
import {
  listTargetObjects,
  parseS3Path,
  readObjectHead,
  type S3Location,
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

/** One file a table was inferred from, as a failed crawl's message describes it. */
export interface DraftFile {
  location: string;
  delimiter: string;
  columns: string[];
}

/** One table a crawl found, before anything is written to the catalog. */
export interface TableDraft {
  layout: TableLayout;
  /** The include path it was found under. */
  includePath: string;
  /** The files its schema was inferred from. */
  files: DraftFile[];
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
    drafts.push(...(await planTarget(target, inputs)));
  }
  return drafts;
}

async function planTarget(target: GlueS3Target, inputs: CrawlInputs): Promise<TableDraft[]> {
  const location = parseS3Path(target.Path);
  const objects = await listTargetObjects(
    inputs.s3,
    location,
    target.Exclusions ?? [],
    inputs.signal,
  );
  const context: TargetContext = {
    target,
    inputs,
    limit: pLimit(READ_CONCURRENCY),
    tablePrefix: inputs.crawler.TablePrefix ?? '',
  };
  return planLocation(location, objects, context);
}

/** One include path being planned, and what every level of it shares. */
interface TargetContext {
  target: GlueS3Target;
  inputs: CrawlInputs;
  limit: ReturnType<typeof pLimit>;
  tablePrefix: string;
}

/**
 * The tables under one location. Files side by side with folders are not one table: AWS
 * documents that the crawler weighs "the structure of the Amazon S3 path" as data compatibility,
 * and that files "at the same level as a folder" make it create "multiple tables due to files and
 * folders present at the same level" (crawler-maximum-number-of-tables.html,
 * crawler-grouping-policy.html). So there each file is a table, and each folder is planned as a
 * table root of its own; CombineCompatibleSchemas does not change that.
 */
async function planLocation(
  location: S3Location,
  objects: readonly S3ObjectEntry[],
  context: TargetContext,
): Promise<TableDraft[]> {
  const { target, inputs } = context;
  const here = `s3://${location.bucket}/${location.prefix}`;
  const atRoot = objects.filter((entry) => !entry.relativeKey.includes('/'));
  if (atRoot.length > 0 && atRoot.length < objects.length) {
    inputs.log(`Files and folders side by side under ${here}: they are separate tables.`);
    const files = await classifyAll(sampleOf(atRoot, target.SampleSize), context);
    const drafts = files.classified.map((file) =>
      fileTable(file, target.Path, context.tablePrefix),
    );
    const folders = new Map<string, S3ObjectEntry[]>();
    for (const entry of objects) {
      const slash = entry.relativeKey.indexOf('/');
      if (slash < 0) continue;
      const folder = entry.relativeKey.slice(0, slash + 1);
      const inside = { ...entry, relativeKey: entry.relativeKey.slice(slash + 1) };
      folders.set(folder, [...(folders.get(folder) ?? []), inside]);
    }
    for (const [folder, inside] of folders) {
      const sub = { bucket: location.bucket, prefix: `${location.prefix}${folder}` };
      drafts.push(...(await planLocation(sub, inside, context)));
    }
    return drafts;
  }
  const listed = layoutTable(location, objects, context.tablePrefix);
  if (!listed) {
    inputs.log(`No objects under ${here}: nothing to catalog.`);
    return [];
  }
  const sampled = sampleOf(listed.objects, target.SampleSize);
  const { classified, gone } = await classifyAll(sampled, context);
  // Objects deleted since the listing are no part of the table, its statistics or partitions.
  const layout =
    gone.size === 0
      ? listed
      : layoutTable(
          location,
          objects.filter((entry) => !gone.has(entry.key)),
          context.tablePrefix,
        );
  if (!layout) {
    inputs.log(`No objects left under ${here}: nothing to catalog.`);
    return [];
  }
  const groups = groupTables(classified, crawlerOptions(inputs.crawler.Configuration));
  if (groups.length > 1) {
    const drafts = classified.map((file) => fileTable(file, target.Path, context.tablePrefix));
    inputs.log(
      `The ${classified.length} files under ${here} do not make one table (${groups.length} schemas that do not combine): one table per file.`,
    );
    return drafts;
  }
  const schema = mergeSchemas(classified);
  if (!schema) {
    inputs.log(`No object under ${here} was classified as CSV: no table.`);
    return [];
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
  return [
    {
      layout,
      includePath: target.Path,
      files: classified.map(draftFile),
      schema,
      statistics: crawlStatistics(layout.objects, classified),
      partitions,
    },
  ];
}

/**
 * The files of an include path, grouped into the tables Glue would make of them. AWS documents
 * that a crawler "considers both data compatibility and schema similarity": compatibility is the
 * format and the S3 path structure (here: the CSV dialect, and whether a header row is taken —
 * one table has one `skip.header.line.count`), similarity "how closely the schemas of separate
 * Amazon S3 objects are similar", and that files whose schemas are "not sufficiently similar"
 * become separate tables unless `TableGroupingPolicy` is `CombineCompatibleSchemas`, which then
 * ignores similarity and combines compatible files into one table with the union of the columns
 * ("Creating a single schema for each Amazon S3 include path",
 * https://docs.aws.amazon.com/glue/latest/dg/crawler-grouping-policy.html; "How does a crawler
 * determine when to create partitions?",
 * https://docs.aws.amazon.com/glue/latest/dg/crawler-s3-folder-table-partition.html). AWS does not
 * publish its similarity measure; the local model is strict: similar means the same column names
 * in the same order (so a different column count or any different header name is not similar).
 */
function groupTables(
  files: readonly ClassifiedObject[],
  options: Pick<CrawlerOptions, 'combineCompatibleSchemas'>,
): ClassifiedObject[][] {
  const groups = new Map<string, ClassifiedObject[]>();
  for (const file of files) {
    const { dialect, headerTaken, columns } = file.schema;
    const compatibility = [dialect.delimiter, dialect.quote, String(headerTaken)];
    const similarity = options.combineCompatibleSchemas ? [] : columns.map((c) => c.name);
    const key = JSON.stringify([compatibility, similarity]);
    groups.set(key, [...(groups.get(key) ?? []), file]);
  }
  return [...groups.values()];
}

/**
 * A table of its own for one file, named after the file as Glue names such tables (`a.csv` →
 * `a_csv`), at the file's location. (Where the files sit in partition folders Glue may name the
 * tables after the folders instead; csv-catalog's prefixes hold files only.)
 */
function fileTable(file: ClassifiedObject, includePath: string, tablePrefix: string): TableDraft {
  const { entry } = file;
  const location = `s3://${entry.bucket}/${entry.key}`;
  const fileName = entry.key.slice(entry.key.lastIndexOf('/') + 1);
  const schema = mergeSchemas([file]) as MergedSchema;
  return {
    layout: {
      tableName: `${tablePrefix}${fileName}`.toLowerCase().replace(/[^a-z0-9_]/g, '_'),
      location,
      partitionKeys: [],
      partitions: [],
      objects: [entry],
    },
    includePath,
    files: [draftFile(file)],
    schema,
    statistics: crawlStatistics([entry], [file]),
    partitions: [],
  };
}

function draftFile(file: ClassifiedObject): DraftFile {
  return {
    location: `s3://${file.entry.bucket}/${file.entry.key}`,
    delimiter: file.schema.dialect.delimiter,
    columns: file.schema.columns.map((column) => column.name),
  };
}

/** An object listed, then deleted before it was read. */
const GONE = 'gone';

/** Classifies objects a few at a time: the CSV ones, and the keys found gone since the listing. */
async function classifyAll(
  entries: readonly S3ObjectEntry[],
  context: TargetContext,
): Promise<{ classified: ClassifiedObject[]; gone: Set<string> }> {
  const results = await Promise.all(
    entries.map((entry) => context.limit(() => classifyObject(entry, context.inputs))),
  );
  const classified = results.filter(
    (result): result is ClassifiedObject => result !== GONE && result !== undefined,
  );
  const gone = new Set(entries.filter((_, i) => results[i] === GONE).map((entry) => entry.key));
  return { classified, gone };
}

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
  // Past 1,000 records the crawler reads no further: the sample is what those records span.
  const sampleBytes =
    schema.sampleBytes === undefined ? bytes.length : schema.sampleBytes + bomLength(bytes);
  return { entry, schema, sampleBytes, sampleRows };
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
