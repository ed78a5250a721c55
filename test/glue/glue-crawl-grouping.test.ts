import {
  CreateCrawlerCommand,
  GetCrawlerMetricsCommand,
  GetTableCommand,
  GetTablesCommand,
  InvalidInputException,
  type Table,
} from '@aws-sdk/client-glue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  tableThresholdFailure,
  thresholdLogLines,
} from '../../local/glue/crawler/table-threshold.js';
import {
  awsGlue,
  awsGlueError,
  crawlOnce,
  errorOf,
  type GlueTestStack,
  putObjects,
  startGlueTestStack,
  waitForCrawlerReady,
} from './glue-test-stack.js';

const DATABASE = 'schoolfriends';
const COMBINE = { TableGroupingPolicy: 'CombineCompatibleSchemas' };
const configuration = (document: object) => JSON.stringify({ Version: 1.0, ...document });

/** What AWS writes when a crawl would make more tables than its TableThreshold allows. */
const THRESHOLD_SENTENCE =
  /^The number of tables detected by crawler: (\d+) is greater than the table threshold value provided: (\d+)\. Failing crawler without writing to Data Catalog\./;

function columnsOf(table: Table | undefined) {
  return table?.StorageDescriptor?.Columns?.map((c) => [c.Name, c.Type]);
}

/**
 * The local crawler splits and combines files as AWS documents: without CombineCompatibleSchemas
 * files whose schemas differ become tables of their own; with it, one table of the union;
 * TableThreshold fails a crawl that would make more tables, writing nothing.
 */
describe('local Glue crawler: one prefix, one table — or a failed crawl', () => {
  let stack: GlueTestStack;
  const tablesAt = async (prefix: string) => {
    const { TableList } = await stack.client.send(new GetTablesCommand({ DatabaseName: DATABASE }));
    return (TableList ?? [])
      .filter((t) => t.StorageDescriptor?.Location?.startsWith(prefix))
      .map((t) => [t.Name, t.StorageDescriptor?.Location]);
  };
  const getTable = async (name: string) =>
    (await stack.client.send(new GetTableCommand({ DatabaseName: DATABASE, Name: name }))).Table;

  beforeAll(async () => {
    stack = await startGlueTestStack(['data'], { minCrawlMs: 0 });
  });
  afterAll(async () => stack?.stop());

  it('makes a table per file, named after the file, when headers differ and no grouping policy is set', async () => {
    // Prepare
    await putObjects(stack.s3, 'data', {
      '학생/학생_202501.csv': '번호,이름\n1,김민준\n',
      '학생/학생_202502.csv': '번호,이름,반\n2,이서연,3\n',
    });

    // Act
    const crawler = await crawlOnce(stack.client, {
      Name: 'crawler_학생',
      paths: ['s3://data/학생/'],
    });

    // Assess
    expect(crawler.LastCrawl?.Status).toBe('SUCCEEDED');
    expect(await tablesAt('s3://data/학생/')).toEqual([
      ['___202501_csv', 's3://data/학생/학생_202501.csv'],
      ['___202502_csv', 's3://data/학생/학생_202502.csv'],
    ]);
  });

  it('makes one table of files with the same header, without a grouping policy', async () => {
    // Prepare
    await putObjects(stack.s3, 'data', {
      'psy_ord/a.csv': 'ord_no,amount\n1,100\n',
      'psy_ord/b.csv': 'ord_no,amount\n2,200\n',
    });

    // Act
    await crawlOnce(stack.client, { Name: 'crawler_psy_ord', paths: ['s3://data/psy_ord/'] });

    // Assess
    expect(await tablesAt('s3://data/psy_ord/')).toEqual([['psy_ord', 's3://data/psy_ord/']]);
  });

  it('makes one table with the union of the columns under CombineCompatibleSchemas', async () => {
    // Prepare
    await putObjects(stack.s3, 'data', {
      'member/a.csv': 'member_no,이름\n1,김민준\n',
      'member/b.csv': 'member_no,이름,email\n2,이서연,l@example.com\n',
      'member/c.csv': 'member_no,phone\n3,010\n',
    });

    // Act
    const crawler = await crawlOnce(stack.client, {
      Name: 'crawler_member',
      paths: ['s3://data/member/'],
      Configuration: configuration({ Grouping: COMBINE }),
    });

    // Assess
    expect(crawler.LastCrawl?.Status).toBe('SUCCEEDED');
    expect(await tablesAt('s3://data/member/')).toEqual([['member', 's3://data/member/']]);
    expect(columnsOf(await getTable('member'))).toEqual([
      ['member_no', 'bigint'],
      ['이름', 'string'],
      ['email', 'string'],
      ['phone', 'bigint'],
    ]);
  });

  it('fails a crawl past TableThreshold, writing nothing, with AWS’s sentence and the files', async () => {
    // Prepare
    await putObjects(stack.s3, 'data', {
      'school_class/a.csv': 'class_no,name\n1,1-1\n',
      'school_class/b.csv': 'class_no,teacher,room\n2,kim,101\n',
    });

    // Act
    const crawler = await crawlOnce(stack.client, {
      Name: 'crawler_school_class',
      paths: ['s3://data/school_class/'],
      Configuration: configuration({ CrawlerOutput: { Tables: { TableThreshold: 1 } } }),
    });
    const metrics = await stack.client.send(
      new GetCrawlerMetricsCommand({ CrawlerNameList: ['crawler_school_class'] }),
    );

    // Assess
    // As on AWS, LastCrawl says only how many tables; the crawler's log says which.
    const message = crawler.LastCrawl?.ErrorMessage ?? '';
    const log = stack.crawlerLog.filter((l) => l.startsWith('crawler_school_class:')).join('\n');
    expect(crawler.LastCrawl?.Status).toBe('FAILED');
    expect(THRESHOLD_SENTENCE.exec(message)?.slice(1)).toEqual(['2', '1']);
    expect(message.replace(THRESHOLD_SENTENCE, '')).toBe('');
    expect(log).toContain(
      's3://data/school_class/a.csv (comma-delimited, 2 columns: class_no, name)',
    );
    expect(log).toContain(
      's3://data/school_class/b.csv (comma-delimited, 3 columns: class_no, teacher, room)',
    );
    expect(await tablesAt('s3://data/school_class/')).toEqual([]);
    expect(metrics.CrawlerMetricsList?.[0]?.TablesCreated).toBe(0);
  });

  it('fails past TableThreshold under CombineCompatibleSchemas when files are not compatible', async () => {
    // Prepare: a comma file and a tab file are different data, whatever their headers.
    await putObjects(stack.s3, 'data', {
      'at_low_scale/a.csv': 'scale_id,score\n1,10\n',
      'at_low_scale/b.csv': 'scale_id\tscore\n2\t20\n',
    });

    // Act
    const crawler = await crawlOnce(stack.client, {
      Name: 'crawler_at_low_scale',
      paths: ['s3://data/at_low_scale/'],
      Configuration: configuration({
        Grouping: COMBINE,
        CrawlerOutput: { Tables: { TableThreshold: 1 } },
      }),
    });

    // Assess
    const message = crawler.LastCrawl?.ErrorMessage ?? '';
    const log = stack.crawlerLog.filter((l) => l.startsWith('crawler_at_low_scale:')).join('\n');
    expect(crawler.LastCrawl?.Status).toBe('FAILED');
    expect(THRESHOLD_SENTENCE.test(message)).toBe(true);
    expect(log).toContain('a.csv (comma-delimited, 2 columns: scale_id, score)');
    expect(log).toContain('b.csv (tab-delimited, 2 columns: scale_id, score)');
    expect(await tablesAt('s3://data/at_low_scale/')).toEqual([]);
  });

  it('makes separate tables of files and folders side by side, even under CombineCompatibleSchemas', async () => {
    // Prepare: old dumps copied into a folder beside the table's own file
    await putObjects(stack.s3, 'data', {
      'school_info/school_info_202509.csv': 'school_code,name\nS1,Seoul\n',
      'school_info/old/school_info_202401.csv': 'school_code,name\nS0,Busan\n',
    });

    // Act
    const combined = await crawlOnce(stack.client, {
      Name: 'crawler_school_info',
      paths: ['s3://data/school_info/'],
      Configuration: configuration({ Grouping: COMBINE }),
    });

    // Assess
    expect(combined.LastCrawl?.Status).toBe('SUCCEEDED');
    expect(await tablesAt('s3://data/school_info/')).toEqual([
      ['old', 's3://data/school_info/old/'],
      ['school_info_202509_csv', 's3://data/school_info/school_info_202509.csv'],
    ]);
  });

  it('infers types from the first 1,000 records of a file only (the header is one)', async () => {
    // Prepare: record 1,001 would make `score` a string; record 1,000 does.
    const rows = (count: number) => Array.from({ length: count }, (_, i) => `${i},${i * 2}`);
    await putObjects(stack.s3, 'data', {
      'at_user_scale_score/a.csv': ['id,score', ...rows(999), '999,not a number', ''].join('\n'),
      'at_formula_code/a.csv': ['id,score', ...rows(998), '998,not a number', ''].join('\n'),
    });

    // Act
    await crawlOnce(stack.client, {
      Name: 'crawler_at_user_scale_score',
      paths: ['s3://data/at_user_scale_score/'],
    });
    await crawlOnce(stack.client, {
      Name: 'crawler_at_formula_code',
      paths: ['s3://data/at_formula_code/'],
    });

    // Assess
    expect(columnsOf(await getTable('at_user_scale_score'))).toEqual([
      ['id', 'bigint'],
      ['score', 'bigint'],
    ]);
    expect(columnsOf(await getTable('at_formula_code'))).toEqual([
      ['id', 'bigint'],
      ['score', 'string'],
    ]);
  });

  it('infers types from the first 1 MB when 1,000 records are longer', async () => {
    // Prepare: 600 records of about 2 KB; past 1 MB a value that is not a number.
    const filler = 'x'.repeat(2000);
    const rows = Array.from({ length: 600 }, (_, i) => `${i},${filler}`);
    rows[580] = `not a number,${filler}`;
    await putObjects(stack.s3, 'data', {
      'at_question_extra/a.csv': ['id,text', ...rows, ''].join('\n'),
    });

    // Act
    await crawlOnce(stack.client, {
      Name: 'crawler_at_question_extra',
      paths: ['s3://data/at_question_extra/'],
    });

    // Assess
    expect(columnsOf(await getTable('at_question_extra'))).toEqual([
      ['id', 'bigint'],
      ['text', 'string'],
    ]);
  });

  it('refuses a TableThreshold that is not an integer above 0, and an unknown grouping policy', async () => {
    // Act
    const create = (Name: string, document: object) =>
      errorOf(
        stack.client.send(
          new CreateCrawlerCommand({
            Name,
            Role: 'AWSGlueServiceRole-local',
            Targets: { S3Targets: [{ Path: 's3://data/x/' }] },
            Configuration: configuration(document),
          }),
        ),
      );
    const zero = await create('crawler_zero', { CrawlerOutput: { Tables: { TableThreshold: 0 } } });
    const policy = await create('crawler_policy', { Grouping: { TableGroupingPolicy: 'Merge' } });

    // Assess
    expect(zero).toBeInstanceOf(InvalidInputException);
    expect((zero as Error).message).toContain('TableThreshold');
    expect(policy).toBeInstanceOf(InvalidInputException);
  });

  it('says in LastCrawl only what AWS says, and the tables and files in the crawler log', () => {
    // Prepare: 40 tables of one file with 30 long column names each
    const columns = Array.from({ length: 30 }, (_, i) => `column_with_a_long_name_${i}`);
    const drafts = Array.from({ length: 40 }, (_, i) => ({
      layout: {
        tableName: `t_${i}_csv`,
        location: `s3://data/t/t_${i}.csv`,
        partitionKeys: [],
        partitions: [],
        objects: [],
      },
      includePath: 's3://data/t/',
      files: [{ location: `s3://data/t/t_${i}.csv`, delimiter: ',', columns }],
      schema: {
        dialect: { delimiter: ',', quote: '"' },
        quoted: false,
        headerTaken: true,
        serde: 'LazySimpleSerDe' as const,
        columns: [],
      },
      statistics: { objectCount: 1, sizeKey: 1, averageRecordSize: 1, recordCount: 1 },
      partitions: [],
    }));

    // Act
    const failure = tableThresholdFailure(drafts, 1);
    const log = thresholdLogLines(drafts);

    // Assess
    expect(failure.message).toBe(
      'The number of tables detected by crawler: 40 is greater than the table threshold value provided: 1. Failing crawler without writing to Data Catalog.',
    );
    expect(log).toHaveLength(40);
    expect(log[0]).toContain(
      's3://data/t/t_0.csv (comma-delimited, 30 columns: column_with_a_long_name_0,',
    );
  });

  describe('through the real AWS CLI', () => {
    it('sets the policy and threshold with update-crawler, and shows the failed crawl', async () => {
      // Prepare
      const endpoint = stack.glue.endpoint;
      await putObjects(stack.s3, 'data', {
        'psy_target/a.csv': 'target_id,name\n1,a\n',
        'psy_target/b.csv': 'target_id,label,extra\n2,b,c\n',
      });
      await awsGlue(endpoint, [
        'create-crawler',
        '--name',
        'crawler_psy_target',
        '--role',
        'AWSGlueServiceRole-local',
        '--database-name',
        DATABASE,
        '--targets',
        '{"S3Targets":[{"Path":"s3://data/psy_target/"}]}',
      ]);

      // Act: a threshold alone fails; with the grouping policy the same files make one table.
      await awsGlue(endpoint, [
        'update-crawler',
        '--name',
        'crawler_psy_target',
        '--configuration',
        '{"Version": 1.0, "CrawlerOutput": {"Tables": {"TableThreshold": 1}}}',
      ]);
      await awsGlue(endpoint, ['start-crawler', '--name', 'crawler_psy_target']);
      await waitForCrawlerReady(stack.client, 'crawler_psy_target');
      const failed = (await awsGlue(endpoint, ['get-crawler', '--name', 'crawler_psy_target'])) as {
        Crawler: { LastCrawl: { Status: string; ErrorMessage: string } };
      };
      await awsGlue(endpoint, [
        'update-crawler',
        '--name',
        'crawler_psy_target',
        '--configuration',
        '{"Version": 1.0, "Grouping": {"TableGroupingPolicy": "CombineCompatibleSchemas"}, "CrawlerOutput": {"Tables": {"TableThreshold": 1}}}',
      ]);
      await awsGlue(endpoint, ['start-crawler', '--name', 'crawler_psy_target']);
      const succeeded = await waitForCrawlerReady(stack.client, 'crawler_psy_target');
      const refused = await awsGlueError(endpoint, [
        'update-crawler',
        '--name',
        'crawler_psy_target',
        '--configuration',
        '{"Version": 1.0, "CrawlerOutput": {"Tables": {"TableThreshold": -1}}}',
      ]);

      // Assess
      expect(failed.Crawler.LastCrawl.Status).toBe('FAILED');
      expect(failed.Crawler.LastCrawl.ErrorMessage).toMatch(THRESHOLD_SENTENCE);
      expect(stack.crawlerLog.join('\n')).toContain('s3://data/psy_target/b.csv');
      expect(succeeded.LastCrawl?.Status).toBe('SUCCEEDED');
      expect(await tablesAt('s3://data/psy_target/')).toEqual([
        ['psy_target', 's3://data/psy_target/'],
      ]);
      expect(refused).toContain('InvalidInputException');
    });

    it('shows with get-table that only the first 1,000 records were read', async () => {
      // Prepare: record 1,001 holds a value that is not a number
      const endpoint = stack.glue.endpoint;
      const rows = Array.from({ length: 999 }, (_, i) => `${i},${i}`);
      await putObjects(stack.s3, 'data', {
        'psy_class/a.csv': ['class_id,seats', ...rows, '999,many', ''].join('\n'),
      });
      await awsGlue(endpoint, [
        'create-crawler',
        '--name',
        'crawler_psy_class',
        '--role',
        'AWSGlueServiceRole-local',
        '--database-name',
        DATABASE,
        '--targets',
        '{"S3Targets":[{"Path":"s3://data/psy_class/"}]}',
      ]);

      // Act
      await awsGlue(endpoint, ['start-crawler', '--name', 'crawler_psy_class']);
      await waitForCrawlerReady(stack.client, 'crawler_psy_class');
      const output = (await awsGlue(endpoint, [
        'get-table',
        '--database-name',
        DATABASE,
        '--name',
        'psy_class',
      ])) as { Table: { StorageDescriptor: { Columns: { Name: string; Type: string }[] } } };

      // Assess
      expect(output.Table.StorageDescriptor.Columns).toEqual([
        { Name: 'class_id', Type: 'bigint' },
        { Name: 'seats', Type: 'bigint' },
      ]);
    });
  });
});
