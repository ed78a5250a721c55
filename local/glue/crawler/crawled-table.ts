import {
  type GlueColumn,
  type GlueStorageDescriptor,
  LOCAL_CATALOG_ID,
  nowEpochSeconds,
} from '../catalog-model.js';
import type { TableDefinition } from '../operations/table-input.js';
import type { CrawlStatistics, MergedSchema } from './table-schema.js';

const LAZY_SIMPLE_SERDE = 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe';
const OPEN_CSV_SERDE = 'org.apache.hadoop.hive.serde2.OpenCSVSerde';

/** The table a crawler writes for CSV files, member for member as Glue's crawler writes it. */
export function crawledTableDefinition(options: {
  name: string;
  location: string;
  schema: MergedSchema;
  statistics: CrawlStatistics;
  partitionKeys: readonly string[];
  crawlerName: string;
}): TableDefinition {
  const parameters = crawledParameters(options.schema, options.statistics, options.crawlerName);
  return {
    Name: options.name,
    Owner: 'owner',
    LastAccessTime: nowEpochSeconds(),
    Retention: 0,
    StorageDescriptor: crawledStorageDescriptor(
      options.location,
      options.schema,
      columnsOf(options.schema),
      parameters,
    ),
    PartitionKeys: options.partitionKeys.map((name) => ({ Name: name, Type: 'string' })),
    TableType: 'EXTERNAL_TABLE',
    Parameters: parameters,
  };
}

export function columnsOf(schema: MergedSchema): GlueColumn[] {
  return schema.columns.map((column) => ({ Name: column.name, Type: column.type }));
}

export function crawledStorageDescriptor(
  location: string,
  schema: MergedSchema,
  columns: GlueColumn[],
  parameters: Record<string, string>,
): GlueStorageDescriptor {
  const { delimiter, quote } = schema.dialect;
  return {
    Columns: columns,
    Location: location,
    InputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
    OutputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
    Compressed: false,
    NumberOfBuckets: -1,
    SerdeInfo:
      schema.serde === 'OpenCSVSerDe'
        ? {
            SerializationLibrary: OPEN_CSV_SERDE,
            Parameters: { separatorChar: delimiter, quoteChar: quote },
          }
        : { SerializationLibrary: LAZY_SIMPLE_SERDE, Parameters: { 'field.delim': delimiter } },
    BucketColumns: [],
    SortColumns: [],
    Parameters: { ...parameters },
    StoredAsSubDirectories: false,
  };
}

export function crawledParameters(
  schema: MergedSchema,
  statistics: CrawlStatistics,
  crawlerName: string,
): Record<string, string> {
  return {
    CrawlerSchemaDeserializerVersion: '1.0',
    CrawlerSchemaSerializerVersion: '1.0',
    UPDATED_BY_CRAWLER: crawlerName,
    areColumnsQuoted: String(schema.quoted),
    averageRecordSize: String(statistics.averageRecordSize),
    classification: 'csv',
    columnsOrdered: 'true',
    compressionType: 'none',
    delimiter: schema.dialect.delimiter,
    objectCount: String(statistics.objectCount),
    recordCount: String(statistics.recordCount),
    sizeKey: String(statistics.sizeKey),
    typeOfData: 'file',
    ...(schema.headerTaken ? { 'skip.header.line.count': '1' } : {}),
  };
}

/** Glue records a crawler's writes as made by its role's session. */
export function crawlerPrincipal(role: string): string {
  const roleName = role.split('/').at(-1) || role;
  return `arn:aws:sts::${LOCAL_CATALOG_ID}:assumed-role/${roleName}/AWS-Crawler`;
}
