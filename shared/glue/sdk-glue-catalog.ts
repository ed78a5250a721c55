import {
  AlreadyExistsException,
  BatchCreatePartitionCommand,
  BatchUpdatePartitionCommand,
  type BatchUpdatePartitionRequestEntry,
  ConcurrentModificationException,
  CrawlerRunningException,
  CreateClassifierCommand,
  CreateCrawlerCommand,
  type CreateCrawlerRequest,
  CreateDatabaseCommand,
  CreateTableCommand,
  DeleteTableCommand,
  EntityNotFoundException,
  GetClassifierCommand,
  GetCrawlerCommand,
  GetDatabaseCommand,
  GetTableCommand,
  type GlueClient,
  type Partition,
  type PartitionInput,
  paginateGetPartitions,
  paginateGetTables,
  type Table,
  type TableInput,
  UpdateClassifierCommand,
  UpdateCrawlerCommand,
  type UpdateCrawlerRequest,
  UpdateTableCommand,
} from '@aws-sdk/client-glue';
import { CatalogTableChanged, CatalogUpdateFailed, CrawlerBusy } from '../errors.js';
import type { CsvClassifierSettings, GlueCatalog } from './glue-catalog.js';

/** The GlueCatalog of one Glue client (AWS, or the local endpoint). */
export class SdkGlueCatalog implements GlueCatalog {
  constructor(private readonly client: GlueClient) {}

  async ensureDatabase(name: string): Promise<boolean> {
    const found = await orUndefined(this.client.send(new GetDatabaseCommand({ Name: name })));
    if (found) return false;
    return created(this.client.send(new CreateDatabaseCommand({ DatabaseInput: { Name: name } })));
  }

  async getCsvClassifier(name: string) {
    const out = await orUndefined(this.client.send(new GetClassifierCommand({ Name: name })));
    return out?.Classifier?.CsvClassifier;
  }

  createCsvClassifier(classifier: CsvClassifierSettings): Promise<boolean> {
    return created(this.client.send(new CreateClassifierCommand({ CsvClassifier: classifier })));
  }

  async updateCsvClassifier(classifier: CsvClassifierSettings): Promise<void> {
    await this.client.send(new UpdateClassifierCommand({ CsvClassifier: classifier }));
  }

  async getCrawler(name: string) {
    const out = await orUndefined(this.client.send(new GetCrawlerCommand({ Name: name })));
    return out?.Crawler;
  }

  createCrawler(crawler: CreateCrawlerRequest): Promise<boolean> {
    return created(this.client.send(new CreateCrawlerCommand(crawler)));
  }

  async updateCrawler(crawler: UpdateCrawlerRequest): Promise<void> {
    try {
      await this.client.send(new UpdateCrawlerCommand(crawler));
    } catch (error) {
      if (error instanceof CrawlerRunningException) {
        throw new CrawlerBusy(
          `${crawler.Name} is running: its settings are updated once it is READY`,
          { cause: error },
        );
      }
      throw error;
    }
  }

  async getTable(database: string, name: string) {
    const out = await orUndefined(
      this.client.send(new GetTableCommand({ DatabaseName: database, Name: name })),
    );
    return out?.Table;
  }

  async tablesAt(database: string, location: string): Promise<Table[]> {
    const found: Table[] = [];
    const pages = paginateGetTables({ client: this.client }, { DatabaseName: database });
    for await (const page of pages) {
      for (const table of page.TableList ?? []) {
        if (sameLocation(table.StorageDescriptor?.Location, location)) found.push(table);
      }
    }
    return found;
  }

  createTable(database: string, table: TableInput): Promise<boolean> {
    return created(
      this.client.send(new CreateTableCommand({ DatabaseName: database, TableInput: table })),
    );
  }

  async deleteTable(database: string, name: string): Promise<boolean> {
    const out = await orUndefined(
      this.client.send(new DeleteTableCommand({ DatabaseName: database, Name: name })),
    );
    return out !== undefined;
  }

  async updateTable(database: string, table: TableInput, versionId: string | undefined) {
    try {
      await this.client.send(
        new UpdateTableCommand({ DatabaseName: database, TableInput: table, VersionId: versionId }),
      );
    } catch (error) {
      if (error instanceof ConcurrentModificationException) {
        throw new CatalogTableChanged(
          `${database}.${table.Name} changed while it was being coerced (VersionId ${versionId}): ${error.message}`,
          { cause: error },
        );
      }
      throw error;
    }
  }

  async *partitions(database: string, table: string): AsyncIterable<Partition[]> {
    const pages = paginateGetPartitions(
      { client: this.client },
      { DatabaseName: database, TableName: table },
    );
    try {
      for await (const page of pages) yield page.Partitions ?? [];
    } catch (error) {
      // The table is gone (deleted by a concurrent execution): it has no partitions left.
      if (error instanceof EntityNotFoundException) return;
      throw error;
    }
  }

  async createPartitions(
    database: string,
    table: string,
    partitions: PartitionInput[],
  ): Promise<void> {
    if (partitions.length === 0) return;
    const out = await this.client.send(
      new BatchCreatePartitionCommand({
        DatabaseName: database,
        TableName: table,
        PartitionInputList: partitions,
      }),
    );
    const refused = (out.Errors ?? []).filter(
      (e) => e.ErrorDetail?.ErrorCode !== 'AlreadyExistsException',
    );
    if (refused.length === 0) return;
    const reasons = refused.map(
      (e) =>
        `[${(e.PartitionValues ?? []).join(', ')}]: ${e.ErrorDetail?.ErrorCode ?? 'Error'} ${e.ErrorDetail?.ErrorMessage ?? ''}`,
    );
    throw new CatalogUpdateFailed(
      `Glue refused to create ${refused.length} partition(s) of ${database}.${table}: ${reasons.join('; ')}`,
    );
  }

  async updatePartitions(
    database: string,
    table: string,
    entries: BatchUpdatePartitionRequestEntry[],
  ): Promise<void> {
    const out = await this.client.send(
      new BatchUpdatePartitionCommand({
        DatabaseName: database,
        TableName: table,
        Entries: entries,
      }),
    );
    const refused = out.Errors ?? [];
    if (refused.length === 0) return;
    const reasons = refused.map(
      (e) =>
        `[${(e.PartitionValueList ?? []).join(', ')}]: ${e.ErrorDetail?.ErrorCode ?? 'Error'} ${e.ErrorDetail?.ErrorMessage ?? ''}`,
    );
    throw new CatalogUpdateFailed(
      `Glue refused ${refused.length} partition update(s) of ${database}.${table}: ${reasons.join('; ')}`,
    );
  }
}

/** `s3://b/t` and `s3://b/t/` are one location. */
function sameLocation(a: string | undefined, b: string): boolean {
  return a !== undefined && a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

async function orUndefined<T>(request: Promise<T>): Promise<T | undefined> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof EntityNotFoundException) return undefined;
    throw error;
  }
}

/** Creation that lost a race to another execution counts as done by someone else. */
async function created(request: Promise<unknown>): Promise<boolean> {
  try {
    await request;
    return true;
  } catch (error) {
    if (error instanceof AlreadyExistsException) return false;
    throw error;
  }
}
