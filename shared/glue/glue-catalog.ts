import type {
  BatchUpdatePartitionRequestEntry,
  Crawler,
  CreateCrawlerRequest,
  CsvClassifier,
  Partition,
  PartitionInput,
  Table,
  TableInput,
  UpdateCrawlerRequest,
} from '@aws-sdk/client-glue';

/**
 * What the workflow needs from the Glue Data Catalog. Shapes are Glue's own (type imports
 * only: the API reference is the contract); the adapter turns "not found" into undefined and
 * Glue's conflicts into the project's named errors, so domain code never sees SDK errors.
 */
export interface GlueCatalog {
  /** Creates the database unless it exists; true when this call created it. */
  ensureDatabase(name: string): Promise<boolean>;
  getCsvClassifier(name: string): Promise<CsvClassifier | undefined>;
  /** Creates a CSV classifier; false when one of that name exists already (a race). */
  createCsvClassifier(classifier: CsvClassifierSettings): Promise<boolean>;
  updateCsvClassifier(classifier: CsvClassifierSettings): Promise<void>;
  getCrawler(name: string): Promise<Crawler | undefined>;
  /** Creates a crawler; false when one of that name exists already (a race). */
  createCrawler(crawler: CreateCrawlerRequest): Promise<boolean>;
  /** Throws CrawlerBusy while the crawler runs. */
  updateCrawler(crawler: UpdateCrawlerRequest): Promise<void>;
  getTable(database: string, name: string): Promise<Table | undefined>;
  /** Every table of the database whose StorageDescriptor.Location is `location` (`/` or not). */
  tablesAt(database: string, location: string): Promise<Table[]>;
  /** Creates a table; false when one of that name exists already (a race). */
  createTable(database: string, table: TableInput): Promise<boolean>;
  /** Deletes a table and its partitions; false when it was gone already (a race). */
  deleteTable(database: string, name: string): Promise<boolean>;
  /** Throws CatalogTableChanged when the table is no longer at `versionId`. */
  updateTable(database: string, table: TableInput, versionId: string | undefined): Promise<void>;
  /** Every partition of a table, a page at a time; none once the table is gone. */
  partitions(database: string, table: string): AsyncIterable<Partition[]>;
  /**
   * Up to 100 partitions; one that exists already is left as it is. Throws CatalogUpdateFailed
   * naming the partitions Glue refused for another reason.
   */
  createPartitions(database: string, table: string, partitions: PartitionInput[]): Promise<void>;
  /** Up to 100 entries; throws CatalogUpdateFailed naming the partitions Glue refused. */
  updatePartitions(
    database: string,
    table: string,
    entries: BatchUpdatePartitionRequestEntry[],
  ): Promise<void>;
}

/** The members of a CSV classifier csv-catalog sets (CreateClassifier's CsvClassifier). */
export interface CsvClassifierSettings {
  Name: string;
  Delimiter: string;
  QuoteSymbol: string;
  ContainsHeader: 'PRESENT';
  AllowSingleColumn: boolean;
  DisableValueTrimming: boolean;
}
