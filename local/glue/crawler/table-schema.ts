import type { FileSchema } from './csv-classifier.js';
import type { CsvDialect } from './csv-records.js';
import type { S3ObjectEntry } from './s3-inventory.js';
import { type GlueValueType, widen } from './value-types.js';

/** One object the crawler classified, with what its sample measured. */
export interface ClassifiedObject {
  entry: S3ObjectEntry;
  schema: FileSchema;
  /** Bytes and rows (header included) of the sample the schema was read from. */
  sampleBytes: number;
  sampleRows: number;
}

/** The schema of a table (or partition): its files' schemas combined. */
export interface MergedSchema {
  dialect: CsvDialect;
  quoted: boolean;
  headerTaken: boolean;
  serde: FileSchema['serde'];
  columns: { name: string; type: GlueValueType }[];
}

/** The figures Glue writes into a crawled table's parameters. */
export interface CrawlStatistics {
  objectCount: number;
  sizeKey: number;
  averageRecordSize: number;
  recordCount: number;
}

/**
 * Combines files into one schema: columns by name in order of first appearance, each type
 * widened across files (bigint + double is double, any other disagreement string). Dialect and
 * header handling follow the first file; a quoted value in any file makes the table OpenCSVSerDe.
 */
export function mergeSchemas(files: readonly ClassifiedObject[]): MergedSchema | undefined {
  const [first] = files;
  if (!first) return undefined;
  const types = new Map<string, GlueValueType | undefined>();
  for (const { schema } of files) {
    for (const column of schema.columns) {
      types.set(column.name, widen(types.get(column.name), column.type));
    }
  }
  return {
    dialect: first.schema.dialect,
    quoted: files.some((file) => file.schema.quoted),
    headerTaken: first.schema.headerTaken,
    serde: files.some((file) => file.schema.serde === 'OpenCSVSerDe')
      ? 'OpenCSVSerDe'
      : first.schema.serde,
    columns: [...types].map(([name, type]) => ({ name, type: type ?? 'string' })),
  };
}

/** Sizes from the listing; the record count is estimated from the sampled record size, as Glue does. */
export function crawlStatistics(
  objects: readonly S3ObjectEntry[],
  classified: readonly ClassifiedObject[],
): CrawlStatistics {
  const sizeKey = objects.reduce((total, entry) => total + entry.size, 0);
  const sampledBytes = classified.reduce((total, file) => total + file.sampleBytes, 0);
  const sampledRows = classified.reduce((total, file) => total + file.sampleRows, 0);
  const averageRecordSize =
    sampledRows === 0 ? 0 : Math.max(1, Math.round(sampledBytes / sampledRows));
  return {
    objectCount: objects.length,
    sizeKey,
    averageRecordSize,
    recordCount: averageRecordSize === 0 ? 0 : Math.round(sizeKey / averageRecordSize),
  };
}
