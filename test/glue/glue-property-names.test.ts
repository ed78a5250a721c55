import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  BatchCreatePartitionCommand,
  CreateClassifierCommand,
  CreateDatabaseCommand,
  CreateTableCommand,
  DeleteDatabaseCommand,
  DeleteTableCommand,
  EntityNotFoundException,
  GetClassifierCommand,
  GetCrawlerCommand,
  GetDatabaseCommand,
  GetDatabasesCommand,
  GetPartitionCommand,
  GetTableCommand,
  GetTablesCommand,
  ListCrawlersCommand,
  type TableInput,
  UpdateTableCommand,
} from '@aws-sdk/client-glue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  crawlOnce,
  errorOf,
  type GlueTestStack,
  putObjects,
  startGlueTestStack,
} from './glue-test-stack.js';

/** Names Object.prototype answers to: a catalog kept in plain objects would find them all. */
const NAMES = ['constructor', '__proto__', 'tostring', 'hasownproperty'];

function tableInput(name: string, column = 'id'): TableInput {
  return {
    Name: name,
    TableType: 'EXTERNAL_TABLE',
    PartitionKeys: [{ Name: 'dt', Type: 'string' }],
    StorageDescriptor: { Columns: [{ Name: column, Type: 'string' }], Location: `s3://d/${name}/` },
  };
}

describe('local Glue endpoint: JavaScript property names are ordinary names', () => {
  let stack: GlueTestStack;
  beforeAll(async () => {
    stack = await startGlueTestStack(['data']);
  });
  afterAll(async () => stack?.stop());

  it('has no database, table, crawler or classifier named after Object.prototype until one is created', async () => {
    // Prepare
    await stack.client.send(new CreateDatabaseCommand({ DatabaseInput: { Name: 'empty' } }));
    await stack.client.send(
      new CreateTableCommand({ DatabaseName: 'empty', TableInput: tableInput('other') }),
    );

    // Act
    const databases = await Promise.all(
      [...NAMES, 'toString', 'valueOf'].map((Name) =>
        errorOf(stack.client.send(new GetDatabaseCommand({ Name }))),
      ),
    );
    const tables = await Promise.all(
      [...NAMES, 'toString', 'valueOf'].map((Name) =>
        errorOf(stack.client.send(new GetTableCommand({ DatabaseName: 'empty', Name }))),
      ),
    );
    const crawler = await errorOf(stack.client.send(new GetCrawlerCommand({ Name: 'toString' })));
    const classifier = await errorOf(
      stack.client.send(new GetClassifierCommand({ Name: 'constructor' })),
    );

    // Assess
    for (const error of [...databases, ...tables, crawler, classifier]) {
      expect(error).toBeInstanceOf(EntityNotFoundException);
    }
  });

  it('creates, reads, lists, updates and deletes databases and tables of those names', async () => {
    // Prepare
    for (const name of NAMES) {
      await stack.client.send(new CreateDatabaseCommand({ DatabaseInput: { Name: name } }));
    }

    // Act
    for (const database of NAMES) {
      for (const name of NAMES) {
        await stack.client.send(
          new CreateTableCommand({ DatabaseName: database, TableInput: tableInput(name) }),
        );
      }
    }
    const { DatabaseList } = await stack.client.send(new GetDatabasesCommand({}));
    const { TableList } = await stack.client.send(
      new GetTablesCommand({ DatabaseName: '__proto__' }),
    );
    const { Table: before } = await stack.client.send(
      new GetTableCommand({ DatabaseName: 'constructor', Name: '__proto__' }),
    );
    await stack.client.send(
      new UpdateTableCommand({
        DatabaseName: 'constructor',
        TableInput: tableInput('__proto__', 'changed'),
        VersionId: before?.VersionId,
      }),
    );
    const { Table: after } = await stack.client.send(
      new GetTableCommand({ DatabaseName: 'constructor', Name: '__proto__' }),
    );
    await stack.client.send(
      new DeleteTableCommand({ DatabaseName: 'tostring', Name: 'constructor' }),
    );
    const deleted = await errorOf(
      stack.client.send(new GetTableCommand({ DatabaseName: 'tostring', Name: 'constructor' })),
    );
    const { TableList: left } = await stack.client.send(
      new GetTablesCommand({ DatabaseName: 'tostring' }),
    );
    await stack.client.send(new DeleteDatabaseCommand({ Name: 'hasownproperty' }));
    const databaseGone = await errorOf(
      stack.client.send(new GetDatabaseCommand({ Name: 'hasownproperty' })),
    );

    // Assess
    expect(DatabaseList?.map((d) => d.Name)).toEqual([...NAMES, 'empty'].sort());
    expect(TableList?.map((t) => [t.Name, t.DatabaseName])).toEqual(
      [...NAMES].sort().map((name) => [name, '__proto__']),
    );
    expect(before?.StorageDescriptor?.Columns).toEqual([{ Name: 'id', Type: 'string' }]);
    expect(after).toMatchObject({ Name: '__proto__', DatabaseName: 'constructor', VersionId: '1' });
    expect(after?.StorageDescriptor?.Columns).toEqual([{ Name: 'changed', Type: 'string' }]);
    expect(deleted).toBeInstanceOf(EntityNotFoundException);
    expect(left?.map((t) => t.Name)).toEqual(['__proto__', 'hasownproperty', 'tostring']);
    expect(databaseGone).toBeInstanceOf(EntityNotFoundException);
  });

  it('keeps partitions whose values are property names', async () => {
    // Prepare
    const partition = (dt: string) => ({
      Values: [dt],
      StorageDescriptor: { Location: `s3://d/constructor/dt=${dt}/` },
    });

    // Act
    const { Errors } = await stack.client.send(
      new BatchCreatePartitionCommand({
        DatabaseName: 'constructor',
        TableName: 'constructor',
        PartitionInputList: [partition('__proto__'), partition('constructor')],
      }),
    );
    const { Partition } = await stack.client.send(
      new GetPartitionCommand({
        DatabaseName: 'constructor',
        TableName: 'constructor',
        PartitionValues: ['__proto__'],
      }),
    );
    const missing = await errorOf(
      stack.client.send(
        new GetPartitionCommand({
          DatabaseName: 'constructor',
          TableName: 'constructor',
          PartitionValues: ['toString'],
        }),
      ),
    );

    // Assess
    expect(Errors).toEqual([]);
    expect(Partition).toMatchObject({ Values: ['__proto__'], TableName: 'constructor' });
    expect(missing).toBeInstanceOf(EntityNotFoundException);
  });

  it('crawls constructor/ into table constructor with crawler and classifier of such names', async () => {
    // Prepare
    await putObjects(stack.s3, 'data', {
      'constructor/a.csv': 'constructor,__proto__,toString\nx,y,z\nv,w,u\n',
    });
    await stack.client.send(
      new CreateClassifierCommand({
        CsvClassifier: { Name: 'toString', Delimiter: ',', ContainsHeader: 'PRESENT' },
      }),
    );

    // Act
    const crawler = await crawlOnce(stack.client, {
      Name: 'constructor',
      // Deleted above: the crawler creates it again.
      DatabaseName: 'hasownproperty',
      Classifiers: ['toString'],
      Tags: { constructor: 'yes' },
      paths: ['s3://data/constructor/'],
    });
    const { Table } = await stack.client.send(
      new GetTableCommand({ DatabaseName: 'hasownproperty', Name: 'constructor' }),
    );
    const tagged = await stack.client.send(
      new ListCrawlersCommand({ Tags: { constructor: 'yes' } }),
    );
    const untagged = await stack.client.send(
      new ListCrawlersCommand({ Tags: { toString: 'yes' } }),
    );

    // Assess
    expect(crawler.LastCrawl?.Status).toBe('SUCCEEDED');
    expect(Table).toMatchObject({
      Name: 'constructor',
      VersionId: '0',
      Parameters: { UPDATED_BY_CRAWLER: 'constructor' },
      StorageDescriptor: { Location: 's3://data/constructor/' },
    });
    expect(Table?.StorageDescriptor?.Columns?.map((c) => c.Name)).toEqual([
      'constructor',
      '__proto__',
      'tostring',
    ]);
    expect(tagged.CrawlerNames).toEqual(['constructor']);
    expect(untagged.CrawlerNames).toEqual([]);
  });

  it('writes those names as keys of its JSON file and reads them back after a restart', async () => {
    // Act
    await stack.restartGlue();
    const file = JSON.parse(await readFile(join(stack.glueDir, 'glue-catalog.json'), 'utf8'));
    const { Table } = await stack.client.send(
      new GetTableCommand({ DatabaseName: 'constructor', Name: '__proto__' }),
    );
    const { Crawler } = await stack.client.send(new GetCrawlerCommand({ Name: 'constructor' }));
    const { Partition } = await stack.client.send(
      new GetPartitionCommand({
        DatabaseName: 'constructor',
        TableName: 'constructor',
        PartitionValues: ['__proto__'],
      }),
    );

    // Assess
    expect(Object.keys(file.databases).sort()).toEqual(
      ['__proto__', 'constructor', 'empty', 'hasownproperty', 'tostring'].sort(),
    );
    expect(Object.hasOwn(file.tables.constructor, '__proto__')).toBe(true);
    expect(
      Object.getOwnPropertyDescriptor(file.tables.constructor, '__proto__')?.value,
    ).toMatchObject({ Name: '__proto__', DatabaseName: 'constructor' });
    expect(Object.keys(file.crawlers)).toEqual(['constructor']);
    expect(Table?.StorageDescriptor?.Columns).toEqual([{ Name: 'changed', Type: 'string' }]);
    expect(Crawler?.LastCrawl?.Status).toBe('SUCCEEDED');
    expect(Partition?.Values).toEqual(['__proto__']);
  });

  it('answers AWSGlue.constructor as an unknown operation', async () => {
    // Act
    const response = await fetch(stack.glue.endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': 'AWSGlue.constructor',
      },
      body: '{}',
    });
    const body = (await response.json()) as Record<string, unknown>;

    // Assess
    expect(body.__type).toBe('UnknownOperationException');
  });
});
