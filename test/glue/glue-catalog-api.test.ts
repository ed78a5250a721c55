import {
  AlreadyExistsException,
  BatchCreatePartitionCommand,
  BatchUpdatePartitionCommand,
  ConcurrentModificationException,
  CreateDatabaseCommand,
  CreateTableCommand,
  DeleteTableCommand,
  EntityNotFoundException,
  GetDatabaseCommand,
  GetDatabasesCommand,
  GetPartitionsCommand,
  GetTableCommand,
  GetTablesCommand,
  GlueServiceException,
  InvalidInputException,
  type TableInput,
  UpdateTableCommand,
} from '@aws-sdk/client-glue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPLEMENTED_OPERATIONS } from '../../local/glue/glue-endpoint.js';
import { errorOf, type GlueTestStack, startGlueTestStack } from './glue-test-stack.js';

const columns = [
  { Name: 'school_code', Type: 'string' },
  { Name: 'member_no', Type: 'string' },
];

function tableInput(name: string, extra: Partial<TableInput> = {}): TableInput {
  return {
    Name: name,
    TableType: 'EXTERNAL_TABLE',
    StorageDescriptor: { Columns: columns, Location: `s3://data/${name}/` },
    ...extra,
  };
}

/** Sends one operation as raw JSON, the way a client without a model would. */
async function rawGlue(endpoint: string, operation: string, body: unknown) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `AWSGlue.${operation}`,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('local Glue endpoint: databases, tables and partitions', () => {
  let stack: GlueTestStack;
  beforeAll(async () => {
    stack = await startGlueTestStack(['data']);
    await stack.client.send(new CreateDatabaseCommand({ DatabaseInput: { Name: 'school' } }));
  });
  afterAll(async () => stack?.stop());

  it('creates, reads and lists databases, refusing a duplicate', async () => {
    // Act
    await stack.client.send(
      new CreateDatabaseCommand({ DatabaseInput: { Name: 'Extra_DB', Description: 'spare' } }),
    );
    const { Database } = await stack.client.send(new GetDatabaseCommand({ Name: 'extra_db' }));
    const first = await stack.client.send(new GetDatabasesCommand({ MaxResults: 1 }));
    const second = await stack.client.send(
      new GetDatabasesCommand({ MaxResults: 1, NextToken: first.NextToken }),
    );
    const duplicate = await errorOf(
      stack.client.send(new CreateDatabaseCommand({ DatabaseInput: { Name: 'school' } })),
    );

    // Assess
    expect(Database).toMatchObject({
      Name: 'extra_db',
      Description: 'spare',
      CatalogId: '000000000000',
    });
    expect(Database?.CreateTime).toBeInstanceOf(Date);
    expect(
      [...(first.DatabaseList ?? []), ...(second.DatabaseList ?? [])].map((d) => d.Name),
    ).toEqual(['extra_db', 'school']);
    expect(second.NextToken).toBeUndefined();
    expect(duplicate).toBeInstanceOf(AlreadyExistsException);
    await expect(
      stack.client.send(new GetDatabaseCommand({ Name: 'nope' })),
    ).rejects.toBeInstanceOf(EntityNotFoundException);
  });

  it('creates a table with the members GetTable returns, and refuses a duplicate', async () => {
    // Act
    await stack.client.send(
      new CreateTableCommand({ DatabaseName: 'school', TableInput: tableInput('school_teacher') }),
    );
    const { Table } = await stack.client.send(
      new GetTableCommand({ DatabaseName: 'school', Name: 'school_teacher' }),
    );

    // Assess
    expect(Table).toMatchObject({
      Name: 'school_teacher',
      DatabaseName: 'school',
      VersionId: '0',
      IsRegisteredWithLakeFormation: false,
      CatalogId: '000000000000',
      Retention: 0,
      StorageDescriptor: { Columns: columns },
    });
    expect(Table?.CreateTime).toBeInstanceOf(Date);
    await expect(
      stack.client.send(
        new CreateTableCommand({
          DatabaseName: 'school',
          TableInput: tableInput('school_teacher'),
        }),
      ),
    ).rejects.toBeInstanceOf(AlreadyExistsException);
    await expect(
      stack.client.send(
        new CreateTableCommand({ DatabaseName: 'nope', TableInput: tableInput('t') }),
      ),
    ).rejects.toBeInstanceOf(EntityNotFoundException);
    await expect(
      stack.client.send(new GetTableCommand({ DatabaseName: 'school', Name: 'nope' })),
    ).rejects.toBeInstanceOf(EntityNotFoundException);
  });

  it('pages GetTables and filters it with a Glue name expression', async () => {
    // Prepare
    for (const name of ['psy_ord', 'psy_ord_class', 'psy_target', 'member']) {
      await stack.client.send(
        new CreateTableCommand({ DatabaseName: 'school', TableInput: tableInput(name) }),
      );
    }

    // Act
    const names: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await stack.client.send(
        new GetTablesCommand({ DatabaseName: 'school', MaxResults: 2, NextToken: nextToken }),
      );
      names.push(...(page.TableList ?? []).map((t) => t.Name ?? ''));
      nextToken = page.NextToken;
      pages += 1;
    } while (nextToken && pages < 10);
    const psy = await stack.client.send(
      new GetTablesCommand({ DatabaseName: 'school', Expression: 'psy_ord*' }),
    );
    const regex = await stack.client.send(
      new GetTablesCommand({ DatabaseName: 'school', Expression: '.*_(class|target)' }),
    );

    // Assess
    expect(names).toEqual(['member', 'psy_ord', 'psy_ord_class', 'psy_target', 'school_teacher']);
    expect(pages).toBe(3);
    expect(psy.TableList?.map((t) => t.Name)).toEqual(['psy_ord', 'psy_ord_class']);
    expect(regex.TableList?.map((t) => t.Name)).toEqual(['psy_ord_class', 'psy_target']);
  });

  it('updates a table read with GetTable once its read-only members are removed', async () => {
    // Prepare
    const { Table } = await stack.client.send(
      new GetTableCommand({ DatabaseName: 'school', Name: 'member' }),
    );
    const {
      DatabaseName,
      CreateTime,
      UpdateTime,
      CreatedBy,
      IsRegisteredWithLakeFormation,
      CatalogId,
      VersionId,
      ...input
    } = Table ?? { Name: 'member' };
    input.StorageDescriptor = {
      ...input.StorageDescriptor,
      Columns: [{ Name: 'member_id', Type: 'string' }],
    };

    // Act
    await stack.client.send(
      new UpdateTableCommand({ DatabaseName: 'school', TableInput: input, VersionId }),
    );
    const { Table: updated } = await stack.client.send(
      new GetTableCommand({ DatabaseName: 'school', Name: 'member' }),
    );
    const stale = await errorOf(
      stack.client.send(
        new UpdateTableCommand({ DatabaseName: 'school', TableInput: input, VersionId }),
      ),
    );

    // Assess
    expect(updated?.VersionId).toBe(String(Number(VersionId) + 1));
    expect(updated?.StorageDescriptor?.Columns).toEqual([{ Name: 'member_id', Type: 'string' }]);
    expect(updated?.CreateTime).toEqual(CreateTime);
    expect(stale).toBeInstanceOf(ConcurrentModificationException);
  });

  it('refuses a TableInput that still carries GetTable read-only members, naming them', async () => {
    // Prepare: the SDK drops members TableInput does not model, so send the JSON as it is.
    const { body: got } = await rawGlue(stack.glue.endpoint, 'GetTable', {
      DatabaseName: 'school',
      Name: 'psy_ord',
    });
    const table = got.Table as Record<string, unknown>;

    // Act
    const withAll = await rawGlue(stack.glue.endpoint, 'UpdateTable', {
      DatabaseName: 'school',
      TableInput: table,
    });
    const withVersion = await rawGlue(stack.glue.endpoint, 'UpdateTable', {
      DatabaseName: 'school',
      TableInput: { Name: 'psy_ord', VersionId: '0' },
    });

    // Assess
    expect(withAll.status).toBe(400);
    expect(withAll.body.__type).toBe('InvalidInputException');
    expect(withAll.body.Message).toContain('"DatabaseName"');
    expect(withVersion.body.__type).toBe('InvalidInputException');
    expect(withVersion.body.Message).toContain('"VersionId"');
  });

  it('takes any SerDe parameter value, a NUL escapeChar included, but refuses a key with a line break', async () => {
    // Prepare
    const serde = (Parameters: Record<string, string>) =>
      tableInput('serde_parameters', {
        StorageDescriptor: {
          Columns: columns,
          Location: 's3://data/serde_parameters/',
          SerdeInfo: {
            SerializationLibrary: 'org.apache.hadoop.hive.serde2.OpenCSVSerde',
            Parameters,
          },
        },
      });

    // Act
    await stack.client.send(
      new CreateTableCommand({
        DatabaseName: 'school',
        TableInput: serde({ separatorChar: ',', quoteChar: '"', escapeChar: '\u0000' }),
      }),
    );
    const { Table } = await stack.client.send(
      new GetTableCommand({ DatabaseName: 'school', Name: 'serde_parameters' }),
    );
    const refused = await errorOf(
      stack.client.send(
        new UpdateTableCommand({
          DatabaseName: 'school',
          TableInput: serde({ 'escape\nChar': '\\' }),
        }),
      ),
    );

    // Assess
    expect(Table?.StorageDescriptor?.SerdeInfo?.Parameters?.escapeChar).toBe('\u0000');
    expect(refused).toBeInstanceOf(InvalidInputException);
    expect((refused as Error).message).toContain('storageDescriptor.serdeInfo.parameters');
  });

  it('implements every operation the local stack relies on', () => {
    // Assess
    expect(IMPLEMENTED_OPERATIONS).toEqual(
      expect.arrayContaining([
        'CreateDatabase',
        'GetDatabase',
        'GetDatabases',
        'CreateTable',
        'GetTable',
        'GetTables',
        'UpdateTable',
        'DeleteTable',
        'GetPartitions',
        'BatchCreatePartition',
        'BatchUpdatePartition',
        'CreateCrawler',
        'GetCrawler',
        'GetCrawlers',
        'ListCrawlers',
        'UpdateCrawler',
        'DeleteCrawler',
        'StartCrawler',
        'StopCrawler',
        'GetCrawlerMetrics',
        'CreateClassifier',
        'GetClassifier',
        'UpdateClassifier',
        'DeleteClassifier',
      ]),
    );
  });

  it('answers an operation it does not implement with a clear error', async () => {
    // Act
    const { status, body } = await rawGlue(stack.glue.endpoint, 'GetJobs', {});
    const wrongTarget = await fetch(stack.glue.endpoint, {
      method: 'POST',
      headers: { 'X-Amz-Target': 'AmazonS3.ListBuckets' },
      body: '{}',
    });

    // Assess
    expect(status).toBe(400);
    expect(body).toEqual({
      __type: 'UnknownOperationException',
      Message: expect.stringContaining(
        'Operation GetJobs is not implemented by the local Glue endpoint',
      ),
    });
    expect(wrongTarget.status).toBe(400);
  });

  it('reports a missing required member as InvalidInputException', async () => {
    // Act
    const missing = await errorOf(
      stack.client.send(new GetTableCommand({ DatabaseName: 'school', Name: undefined })),
    );

    // Assess
    expect(missing).toBeInstanceOf(InvalidInputException);
    expect(String(missing)).toContain("Value null at 'name'");
  });

  it('creates, lists, filters and updates partitions in batches', async () => {
    // Prepare
    await stack.client.send(
      new CreateTableCommand({
        DatabaseName: 'school',
        TableInput: tableInput('scores', { PartitionKeys: [{ Name: 'year', Type: 'string' }] }),
      }),
    );
    const partition = (year: string) => ({
      Values: [year],
      StorageDescriptor: { Columns: columns, Location: `s3://data/scores/year=${year}/` },
    });

    // Act
    const created = await stack.client.send(
      new BatchCreatePartitionCommand({
        DatabaseName: 'school',
        TableName: 'scores',
        PartitionInputList: [
          partition('2024'),
          partition('2025'),
          partition('2024'),
          { Values: [] },
        ],
      }),
    );
    const updated = await stack.client.send(
      new BatchUpdatePartitionCommand({
        DatabaseName: 'school',
        TableName: 'scores',
        Entries: [
          {
            PartitionValueList: ['2025'],
            PartitionInput: { ...partition('2025'), Parameters: { note: 'fixed' } },
          },
          { PartitionValueList: ['1999'], PartitionInput: partition('1999') },
        ],
      }),
    );
    const all = await stack.client.send(
      new GetPartitionsCommand({ DatabaseName: 'school', TableName: 'scores' }),
    );
    const only2025 = await stack.client.send(
      new GetPartitionsCommand({
        DatabaseName: 'school',
        TableName: 'scores',
        Expression: "year = '2025'",
      }),
    );

    // Assess
    expect(created.Errors?.map((e) => e.ErrorDetail?.ErrorCode)).toEqual([
      'AlreadyExistsException',
      'InvalidInputException',
    ]);
    expect(updated.Errors?.map((e) => [e.PartitionValueList, e.ErrorDetail?.ErrorCode])).toEqual([
      [['1999'], 'EntityNotFoundException'],
    ]);
    expect(all.Partitions?.map((p) => p.Values)).toEqual([['2024'], ['2025']]);
    expect(only2025.Partitions?.map((p) => p.Parameters)).toEqual([{ note: 'fixed' }]);
  });

  it('deletes a table', async () => {
    // Act
    await stack.client.send(new DeleteTableCommand({ DatabaseName: 'school', Name: 'psy_target' }));
    const again = await errorOf(
      stack.client.send(new DeleteTableCommand({ DatabaseName: 'school', Name: 'psy_target' })),
    );

    // Assess
    expect(again).toBeInstanceOf(EntityNotFoundException);
    expect(again).toBeInstanceOf(GlueServiceException);
  });
});
