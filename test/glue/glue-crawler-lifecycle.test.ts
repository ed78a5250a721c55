import {
  CrawlerNotRunningException,
  CrawlerRunningException,
  CreateClassifierCommand,
  CreateCrawlerCommand,
  CreateDatabaseCommand,
  DeleteClassifierCommand,
  DeleteCrawlerCommand,
  EntityNotFoundException,
  GetClassifierCommand,
  GetCrawlerCommand,
  GetCrawlerMetricsCommand,
  GetCrawlersCommand,
  GetDatabaseCommand,
  GetTableCommand,
  InvalidInputException,
  ListCrawlersCommand,
  StartCrawlerCommand,
  StopCrawlerCommand,
  UpdateClassifierCommand,
  UpdateCrawlerCommand,
} from '@aws-sdk/client-glue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  errorOf,
  type GlueTestStack,
  putObjects,
  startGlueTestStack,
  waitForCrawlerReady,
} from './glue-test-stack.js';

describe('local Glue endpoint: crawlers and classifiers', () => {
  let stack: GlueTestStack;
  beforeAll(async () => {
    // Long enough that RUNNING is seen and StopCrawler arrives mid-run.
    stack = await startGlueTestStack(['data'], { minCrawlMs: 800 });
    await putObjects(stack.s3, 'data', { 'member/m.csv': 'id,name\n1,kim\n2,lee\n' });
  });
  afterAll(async () => stack?.stop());

  it('creates a crawler with the members GetCrawler returns, and refuses a duplicate', async () => {
    // Act
    await stack.client.send(
      new CreateCrawlerCommand({
        Name: 'crawler_member',
        Role: 'arn:aws:iam::000000000000:role/glue',
        DatabaseName: 'schoolfriends',
        Targets: { S3Targets: [{ Path: 's3://data/member/', Exclusions: ['**.tmp'] }] },
        SchemaChangePolicy: { UpdateBehavior: 'LOG', DeleteBehavior: 'LOG' },
        Tags: { team: 'data' },
      }),
    );
    const { Crawler } = await stack.client.send(new GetCrawlerCommand({ Name: 'crawler_member' }));
    const duplicate = await errorOf(
      stack.client.send(
        new CreateCrawlerCommand({
          Name: 'crawler_member',
          Role: 'r',
          Targets: { S3Targets: [{ Path: 's3://data/x/' }] },
        }),
      ),
    );

    // Assess
    expect(Crawler).toMatchObject({
      Name: 'crawler_member',
      Role: 'arn:aws:iam::000000000000:role/glue',
      DatabaseName: 'schoolfriends',
      Targets: { S3Targets: [{ Path: 's3://data/member/', Exclusions: ['**.tmp'] }] },
      Classifiers: [],
      SchemaChangePolicy: { UpdateBehavior: 'LOG', DeleteBehavior: 'LOG' },
      RecrawlPolicy: { RecrawlBehavior: 'CRAWL_EVERYTHING' },
      State: 'READY',
      CrawlElapsedTime: 0,
      Version: 1,
    });
    expect(Crawler?.CreationTime).toBeInstanceOf(Date);
    expect(Crawler?.LastCrawl).toBeUndefined();
    expect(String(duplicate)).toContain('already exists');
    await expect(
      stack.client.send(new CreateCrawlerCommand({ Name: 'no_targets', Role: 'r', Targets: {} })),
    ).rejects.toBeInstanceOf(InvalidInputException);
    await expect(stack.client.send(new GetCrawlerCommand({ Name: 'nope' }))).rejects.toBeInstanceOf(
      EntityNotFoundException,
    );
  });

  it('runs READY → RUNNING → READY, refusing a second start while running', async () => {
    // Act
    await stack.client.send(new StartCrawlerCommand({ Name: 'crawler_member' }));
    const { Crawler: running } = await stack.client.send(
      new GetCrawlerCommand({ Name: 'crawler_member' }),
    );
    const secondStart = await errorOf(
      stack.client.send(new StartCrawlerCommand({ Name: 'crawler_member' })),
    );
    const update = await errorOf(
      stack.client.send(new UpdateCrawlerCommand({ Name: 'crawler_member', Description: 'x' })),
    );
    expect(secondStart).toBeInstanceOf(CrawlerRunningException);
    expect(update).toBeInstanceOf(CrawlerRunningException);
    const done = await waitForCrawlerReady(stack.client, 'crawler_member');
    const { Database } = await stack.client.send(new GetDatabaseCommand({ Name: 'schoolfriends' }));
    const { CrawlerMetricsList } = await stack.client.send(
      new GetCrawlerMetricsCommand({ CrawlerNameList: ['crawler_member', 'nope'] }),
    );

    // Assess
    expect(running?.State).toBe('RUNNING');
    expect(done.LastCrawl).toMatchObject({
      Status: 'SUCCEEDED',
      LogGroup: '/aws-glue/crawlers',
      LogStream: 'crawler_member',
    });
    expect(done.LastCrawl?.MessagePrefix).toBeTruthy();
    expect(done.LastCrawl?.StartTime).toBeInstanceOf(Date);
    expect(Database?.Name).toBe('schoolfriends');
    expect(CrawlerMetricsList).toEqual([
      expect.objectContaining({
        CrawlerName: 'crawler_member',
        TablesCreated: 1,
        TablesUpdated: 0,
        TablesDeleted: 0,
        StillEstimating: false,
        TimeLeftSeconds: 0,
      }),
    ]);
    expect(CrawlerMetricsList?.[0]?.LastRuntimeSeconds).toBeGreaterThan(0);
  });

  it('stops a running crawl: CANCELLED, and StopCrawler on a READY crawler fails', async () => {
    // Prepare
    await stack.client.send(
      new CreateCrawlerCommand({
        Name: 'crawler_stopped',
        Role: 'r',
        DatabaseName: 'schoolfriends',
        TablePrefix: 'stopped_',
        Targets: { S3Targets: [{ Path: 's3://data/member/' }] },
      }),
    );
    await stack.client.send(new StartCrawlerCommand({ Name: 'crawler_stopped' }));

    // Act
    await stack.client.send(new StopCrawlerCommand({ Name: 'crawler_stopped' }));
    const { Crawler: stopping } = await stack.client.send(
      new GetCrawlerCommand({ Name: 'crawler_stopped' }),
    );
    const startWhileStopping = await errorOf(
      stack.client.send(new StartCrawlerCommand({ Name: 'crawler_stopped' })),
    );
    expect(startWhileStopping).toBeInstanceOf(CrawlerRunningException);
    const done = await waitForCrawlerReady(stack.client, 'crawler_stopped');
    const stopReady = await errorOf(
      stack.client.send(new StopCrawlerCommand({ Name: 'crawler_stopped' })),
    );

    // Assess
    expect(stopping?.State).toBe('STOPPING');
    expect(done.LastCrawl?.Status).toBe('CANCELLED');
    expect(stopReady).toBeInstanceOf(CrawlerNotRunningException);
    await expect(
      stack.client.send(
        new GetTableCommand({ DatabaseName: 'schoolfriends', Name: 'stopped_member' }),
      ),
    ).rejects.toBeInstanceOf(EntityNotFoundException);
  });

  it('updates, lists and deletes crawlers', async () => {
    // Act
    await stack.client.send(
      new UpdateCrawlerCommand({
        Name: 'crawler_stopped',
        SchemaChangePolicy: { UpdateBehavior: 'UPDATE_IN_DATABASE', DeleteBehavior: 'LOG' },
        Configuration:
          '{"Version":1.0,"CrawlerOutput":{"Partitions":{"AddOrUpdateBehavior":"InheritFromTable"}}}',
      }),
    );
    const { Crawler } = await stack.client.send(new GetCrawlerCommand({ Name: 'crawler_stopped' }));
    const { Crawlers } = await stack.client.send(new GetCrawlersCommand({}));
    const tagged = await stack.client.send(new ListCrawlersCommand({ Tags: { team: 'data' } }));
    const badConfiguration = await errorOf(
      stack.client.send(
        new UpdateCrawlerCommand({ Name: 'crawler_stopped', Configuration: '{not json' }),
      ),
    );
    await stack.client.send(new DeleteCrawlerCommand({ Name: 'crawler_stopped' }));
    const deletedAgain = await errorOf(
      stack.client.send(new DeleteCrawlerCommand({ Name: 'crawler_stopped' })),
    );

    // Assess
    expect(Crawler?.Version).toBe(2);
    expect(Crawler?.SchemaChangePolicy?.UpdateBehavior).toBe('UPDATE_IN_DATABASE');
    expect(Crawler?.Configuration).toContain('InheritFromTable');
    expect(Crawlers?.map((c) => c.Name)).toEqual(['crawler_member', 'crawler_stopped']);
    expect(tagged.CrawlerNames).toEqual(['crawler_member']);
    expect(badConfiguration).toBeInstanceOf(InvalidInputException);
    expect(deletedAgain).toBeInstanceOf(EntityNotFoundException);
  });

  it('creates, reads, updates and deletes CSV classifiers', async () => {
    // Act
    await stack.client.send(
      new CreateClassifierCommand({
        CsvClassifier: {
          Name: 'with_header',
          Delimiter: ',',
          QuoteSymbol: '"',
          ContainsHeader: 'PRESENT',
        },
      }),
    );
    const duplicate = await errorOf(
      stack.client.send(new CreateClassifierCommand({ CsvClassifier: { Name: 'with_header' } })),
    );
    await stack.client.send(
      new UpdateClassifierCommand({ CsvClassifier: { Name: 'with_header', Delimiter: '|' } }),
    );
    const { Classifier } = await stack.client.send(
      new GetClassifierCommand({ Name: 'with_header' }),
    );
    const sameSymbols = await errorOf(
      stack.client.send(
        new CreateClassifierCommand({
          CsvClassifier: { Name: 'bad', Delimiter: ',', QuoteSymbol: ',' },
        }),
      ),
    );
    const grok = await errorOf(
      stack.client.send(
        new CreateClassifierCommand({
          GrokClassifier: { Name: 'g', Classification: 'x', GrokPattern: '%{WORD}' },
        }),
      ),
    );
    await stack.client.send(new CreateClassifierCommand({ CsvClassifier: { Name: 'temporary' } }));
    await stack.client.send(new DeleteClassifierCommand({ Name: 'temporary' }));

    // Assess
    expect(String(duplicate)).toContain('already exists');
    expect(Classifier?.CsvClassifier).toMatchObject({
      Name: 'with_header',
      Delimiter: '|',
      QuoteSymbol: '"',
      ContainsHeader: 'PRESENT',
      Version: 2,
    });
    expect(sameSymbols).toBeInstanceOf(InvalidInputException);
    expect(grok).toBeInstanceOf(InvalidInputException);
    await expect(
      stack.client.send(new GetClassifierCommand({ Name: 'temporary' })),
    ).rejects.toBeInstanceOf(EntityNotFoundException);
  });

  it('keeps databases, tables, crawlers and classifiers across a restart; a running crawl comes back CANCELLED', async () => {
    // Prepare
    await stack.client.send(new CreateDatabaseCommand({ DatabaseInput: { Name: 'kept' } }));
    await stack.client.send(new StartCrawlerCommand({ Name: 'crawler_member' }));

    // Act
    await stack.restartGlue();
    const { Crawler } = await stack.client.send(new GetCrawlerCommand({ Name: 'crawler_member' }));
    const { Table } = await stack.client.send(
      new GetTableCommand({ DatabaseName: 'schoolfriends', Name: 'member' }),
    );
    const { Database } = await stack.client.send(new GetDatabaseCommand({ Name: 'kept' }));
    const { Classifier } = await stack.client.send(
      new GetClassifierCommand({ Name: 'with_header' }),
    );
    await stack.client.send(new StartCrawlerCommand({ Name: 'crawler_member' }));
    const again = await waitForCrawlerReady(stack.client, 'crawler_member');

    // Assess
    expect(Crawler?.State).toBe('READY');
    expect(Crawler?.LastCrawl?.Status).toBe('CANCELLED');
    expect(Table?.StorageDescriptor?.Columns?.map((c) => c.Name)).toEqual(['id', 'name']);
    expect(Database?.Name).toBe('kept');
    expect(Classifier?.CsvClassifier?.Delimiter).toBe('|');
    expect(again.LastCrawl?.Status).toBe('SUCCEEDED');
  });
});
