/**
 * The catalog as the local Glue endpoint stores it: the wire shapes of Glue's JSON protocol
 * (PascalCase members, timestamps as epoch seconds), so that a stored object is what the API
 * returns, plus a few internal fields kept apart under `Local*` names that are never sent.
 */

/** Glue's JSON protocol sends timestamps as epoch seconds (fractional). */
export type EpochSeconds = number;

export function nowEpochSeconds(): EpochSeconds {
  return Date.now() / 1000;
}

/** The account the local catalog pretends to be. */
export const LOCAL_CATALOG_ID = '000000000000';

export interface GlueColumn {
  Name: string;
  Type?: string;
  Comment?: string;
  Parameters?: Record<string, string>;
}

export interface GlueSerDeInfo {
  Name?: string;
  SerializationLibrary?: string;
  Parameters?: Record<string, string>;
}

export interface GlueStorageDescriptor {
  Columns?: GlueColumn[];
  Location?: string;
  InputFormat?: string;
  OutputFormat?: string;
  Compressed?: boolean;
  NumberOfBuckets?: number;
  SerdeInfo?: GlueSerDeInfo;
  BucketColumns?: string[];
  SortColumns?: { Column: string; SortOrder: number }[];
  Parameters?: Record<string, string>;
  StoredAsSubDirectories?: boolean;
  AdditionalLocations?: string[];
  SkewedInfo?: unknown;
  SchemaReference?: unknown;
}

export interface GlueDatabase {
  Name: string;
  Description?: string;
  LocationUri?: string;
  Parameters?: Record<string, string>;
  CreateTime: EpochSeconds;
  CreateTableDefaultPermissions: unknown[];
  CatalogId: string;
}

export interface GlueTable {
  Name: string;
  DatabaseName: string;
  Description?: string;
  Owner?: string;
  CreateTime: EpochSeconds;
  UpdateTime: EpochSeconds;
  LastAccessTime?: EpochSeconds;
  LastAnalyzedTime?: EpochSeconds;
  Retention?: number;
  StorageDescriptor?: GlueStorageDescriptor;
  PartitionKeys?: GlueColumn[];
  ViewOriginalText?: string;
  ViewExpandedText?: string;
  TableType?: string;
  Parameters?: Record<string, string>;
  CreatedBy: string;
  IsRegisteredWithLakeFormation: boolean;
  CatalogId: string;
  VersionId: string;
  TargetTable?: unknown;
  FederatedTable?: unknown;
  ViewDefinition?: unknown;
}

export interface GluePartition {
  Values: string[];
  DatabaseName: string;
  TableName: string;
  CreationTime: EpochSeconds;
  LastAccessTime?: EpochSeconds;
  LastAnalyzedTime?: EpochSeconds;
  StorageDescriptor?: GlueStorageDescriptor;
  Parameters?: Record<string, string>;
  CatalogId: string;
}

export interface GlueS3Target {
  Path: string;
  Exclusions?: string[];
  SampleSize?: number;
  [member: string]: unknown;
}

export type CrawlerState = 'READY' | 'RUNNING' | 'STOPPING';
export type LastCrawlStatus = 'SUCCEEDED' | 'CANCELLED' | 'FAILED';

export interface GlueLastCrawlInfo {
  Status: LastCrawlStatus;
  ErrorMessage?: string;
  LogGroup: string;
  LogStream: string;
  MessagePrefix: string;
  StartTime: EpochSeconds;
}

export interface GlueCrawler {
  Name: string;
  Role: string;
  Targets: { S3Targets: GlueS3Target[]; [kind: string]: unknown };
  DatabaseName?: string;
  Description?: string;
  Classifiers: string[];
  RecrawlPolicy: { RecrawlBehavior: string };
  SchemaChangePolicy: { UpdateBehavior: string; DeleteBehavior: string };
  LineageConfiguration: { CrawlerLineageSettings: string };
  State: CrawlerState;
  TablePrefix?: string;
  Schedule?: { ScheduleExpression: string; State: string };
  CrawlElapsedTime: number;
  CreationTime: EpochSeconds;
  LastUpdated: EpochSeconds;
  LastCrawl?: GlueLastCrawlInfo;
  Version: number;
  Configuration?: string;
  CrawlerSecurityConfiguration?: string;
  LakeFormationConfiguration: { UseLakeFormationCredentials: boolean; AccountId: string };
}

/** What the endpoint remembers about a crawler's runs; never sent as part of GetCrawler. */
export interface CrawlerRunRecord {
  /** The run in progress (kept so that a restart can report it CANCELLED). */
  current?: { startTime: EpochSeconds; messagePrefix: string };
  /** Durations of finished runs in seconds, most recent last (bounded). */
  durations: number[];
  tablesCreated: number;
  tablesUpdated: number;
  tablesDeleted: number;
}

export interface StoredCrawler {
  crawler: GlueCrawler;
  tags: Record<string, string>;
  runs: CrawlerRunRecord;
}

export interface GlueCsvClassifier {
  Name: string;
  CreationTime: EpochSeconds;
  LastUpdated: EpochSeconds;
  Version: number;
  Delimiter?: string;
  QuoteSymbol?: string;
  ContainsHeader?: 'UNKNOWN' | 'PRESENT' | 'ABSENT';
  Header?: string[];
  DisableValueTrimming?: boolean;
  AllowSingleColumn?: boolean;
  CustomDatatypeConfigured?: boolean;
  CustomDatatypes?: string[];
  Serde?: 'OpenCSVSerDe' | 'LazySimpleSerDe' | 'None';
}

/**
 * Everything the endpoint persists, keyed by name. Names come from the data (a table may be
 * called `constructor` or `__proto__`), so every index is a Map, never a plain object; the file
 * keeps its JSON shape (catalog-json.ts).
 */
export interface CatalogState {
  formatVersion: 1;
  /** lower-cased database name → database */
  databases: Map<string, GlueDatabase>;
  /** database → table (lower-cased) → table */
  tables: Map<string, Map<string, GlueTable>>;
  /** database → table → partition key (values joined by \u0000) → partition */
  partitions: Map<string, Map<string, Map<string, GluePartition>>>;
  crawlers: Map<string, StoredCrawler>;
  classifiers: Map<string, GlueCsvClassifier>;
}

export function emptyCatalogState(): CatalogState {
  return {
    formatVersion: 1,
    databases: new Map(),
    tables: new Map(),
    partitions: new Map(),
    crawlers: new Map(),
    classifiers: new Map(),
  };
}

/** The inner index under `key`, created empty when missing. */
export function innerMap<V>(outer: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let inner = outer.get(key);
  if (!inner) {
    inner = new Map();
    outer.set(key, inner);
  }
  return inner;
}

/** The key a partition is stored under: its values, in order. */
export function partitionKey(values: readonly string[]): string {
  return values.join('\u0000');
}
