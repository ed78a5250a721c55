import { CreateCrawlerCommand, GetCrawlerCommand, GetTablesCommand } from '@aws-sdk/client-glue';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestS3, type TestS3 } from '../support/local-s3.js';
import {
  startWorkflowStack,
  stateOf,
  type WorkflowTestOptions,
  type WorkflowTestStack,
} from './workflow-test-stack.js';

const APPEND = { snapshots: 'append', crawl: { mode: 'always' } } as const;

/**
 * One prefix, one table — or a failed crawl that says why: the crawler EnsureCrawler sets up
 * combines compatible files into one table and fails, writing nothing, past one table.
 */
describe('the workflow makes one table of a prefix, or fails naming the files', () => {
  let s3: TestS3;
  let stack: WorkflowTestStack | undefined;
  const start = async (options?: WorkflowTestOptions) => {
    stack = await startWorkflowStack(s3, options);
    return stack;
  };
  beforeAll(async () => {
    s3 = await startTestS3([]);
  });
  afterEach(async () => {
    await stack?.stop();
    stack = undefined;
  });
  afterAll(async () => s3?.stop());

  /** The catalog tables whose location is under `s3://<bucket>/<prefix>`. */
  const tablesUnder = async (current: WorkflowTestStack, prefix: string) => {
    const { TableList } = await current.glueClient.send(
      new GetTablesCommand({ DatabaseName: current.config.glue.database }),
    );
    return (TableList ?? [])
      .filter((t) => t.StorageDescriptor?.Location?.startsWith(`s3://${current.bucket}/${prefix}`))
      .map((t) => t.Name);
  };

  it('makes one table of append files with different headers, on a crawler the team made without the policy', async () => {
    // Prepare: the team's crawler, as the seed made them (no Configuration)
    const current = await start({ config: APPEND });
    const { drop, glueClient, bucket, config, catalogColumns } = current;
    await glueClient.send(
      new CreateCrawlerCommand({
        Name: 'crawler_member',
        Role: 'arn:aws:iam::000000000000:role/team-crawler',
        DatabaseName: config.glue.database,
        Targets: { S3Targets: [{ Path: `s3://${bucket}/member/` }] },
        SchemaChangePolicy: { UpdateBehavior: 'LOG', DeleteBehavior: 'LOG' },
      }),
    );

    // Act
    const first = await drop('MEMBER_202501010000.csv', 'member_no,이름\n1,김민준\n2,이서연\n');
    const second = await drop(
      'MEMBER_202502010000.csv',
      'member_no,이름,email\n3,박지호,p@example.com\n',
    );
    const { Crawler } = await glueClient.send(new GetCrawlerCommand({ Name: 'crawler_member' }));

    // Assess
    expect(first.execution.status).toBe('SUCCEEDED');
    expect(first.execution.output).toMatchObject({ crawler: { action: 'updated' } });
    expect(second.execution.status).toBe('SUCCEEDED');
    expect(stateOf(second.execution, 'StartCrawler')?.status).toBe('SUCCEEDED');
    expect(await tablesUnder(current, 'member/')).toEqual(['member']);
    expect((await catalogColumns('member')).map(([name]) => name)).toEqual([
      'member_no',
      '이름',
      'email',
    ]);
    expect(JSON.parse(Crawler?.Configuration ?? '{}')).toMatchObject({
      Grouping: { TableGroupingPolicy: 'CombineCompatibleSchemas' },
      CrawlerOutput: { Tables: { TableThreshold: 1 } },
    });
  });

  it('keeps one table when a later snapshot adds a column', async () => {
    // Prepare
    const current = await start({
      config: {
        crawl: { mode: 'always', schemaChangePolicy: { updateBehavior: 'UPDATE_IN_DATABASE' } },
      },
    });
    await current.drop('SCHOOL_CLASS_202501010000.csv', 'class_no,name\n1,1-1\n');

    // Act
    const { execution } = await current.drop(
      'SCHOOL_CLASS_202502010000.csv',
      'class_no,name,room\n2,1-2,101\n',
    );

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    expect(await tablesUnder(current, 'school_class/')).toEqual(['school_class']);
    expect((await current.catalogColumns('school_class')).map(([name]) => name)).toEqual([
      'class_no',
      'name',
      'room',
    ]);
  });

  it('fails at CrawlerFailed naming the prefix and the files when they cannot make one table', async () => {
    // Prepare: old dumps copied by hand into a folder beside the table's files
    const current = await start({ config: APPEND });
    const { drop, bucket } = current;
    await drop('SCHOOL_INFO_202501010000.csv', 'school_code,name\nS1,Seoul\n');
    await s3.client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'school_info/old/SCHOOL_INFO_202401010000.csv',
        Body: 'school_code,name,address\nS0,Busan,Haeundae\n',
      }),
    );

    // Act
    const { execution } = await drop(
      'SCHOOL_INFO_202502010000.csv',
      'school_code,name\nS2,Daegu\n',
    );

    // Assess
    const prefix = `s3://${bucket}/school_info/`;
    expect(execution).toMatchObject({ status: 'FAILED', error: 'CrawlerFailed' });
    expect(stateOf(execution, 'CrawlerFailed')?.status).toBe('FAILED');
    expect(stateOf(execution, 'CoerceSchema')).toBeUndefined();
    expect(execution.cause).toMatch(
      /^crawler_school_info failed crawling s3:\/\/[^ ]+\/school_info\/: The number of tables detected by crawler: 3 is greater than the table threshold value provided: 1\. Failing crawler without writing to Data Catalog\b/,
    );
    // Named by DescribeCrawlFailure from the files themselves: on AWS Glue's message names none.
    expect(execution.cause).toContain(
      `. The files under ${prefix} do not share one header: SCHOOL_INFO_202501010000.csv and SCHOOL_INFO_202502010000.csv have (school_code, name); old/SCHOOL_INFO_202401010000.csv has (school_code, name, address). Keep one header per table`,
    );
    expect(execution.cause).toContain('then run `npx csv-catalog sync --table school_info`');
    expect(stateOf(execution, 'DescribeCrawlFailure')?.status).toBe('SUCCEEDED');
    expect(stateOf(execution, 'DescribeCrawlError')).toBeUndefined();
    // Nothing written: the table of the first run is the only one, as it was.
    expect(await tablesUnder(current, 'school_info/')).toEqual(['school_info']);
  });

  it('names the Korean files under a Korean prefix and their headers when they cannot make one table', async () => {
    // Prepare: an old dump of another header put by hand into a folder beside the table's files
    const current = await start({ config: APPEND });
    const { drop, bucket } = current;
    await drop('학생명부_202501010000.csv', '번호,이름,주소\n1,김민준,서울\n');
    await s3.client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: '학생명부/옛 자료/학생명부_202401010000.csv',
        Body: '번호,메모\n0,전학\n',
      }),
    );

    // Act
    const { execution } = await drop(
      '학생명부_202502010000.csv',
      '번호,이름,주소\n2,이서연,부산\n',
    );

    // Assess
    const prefix = `s3://${bucket}/학생명부/`;
    expect(execution).toMatchObject({ status: 'FAILED', error: 'CrawlerFailed' });
    expect(execution.cause).toContain(
      `The files under ${prefix} do not share one header: 학생명부_202501010000.csv and 학생명부_202502010000.csv have (번호, 이름, 주소); 옛 자료/학생명부_202401010000.csv has (번호, 메모). Keep one header per table (snapshots: replace keeps one file), fix or move the odd files, then run \`npx csv-catalog sync --table 학생명부\``,
    );
    expect(await tablesUnder(current, '학생명부/')).toEqual(['학생명부']);
  });

  it('falls back to the crawler message when the files cannot be read', async () => {
    // Prepare: DescribeCrawlFailure fails as a Lambda without S3 access would
    const current = await start({
      config: APPEND,
      lambdas: () => ({
        DescribeCrawlFailure: async () => {
          throw Object.assign(new Error('Access Denied'), { name: 'AccessDenied' });
        },
      }),
    });
    const { drop, bucket } = current;
    await drop('SCHOOL_INFO_202501010000.csv', 'school_code,name\nS1,Seoul\n');
    await s3.client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'school_info/old/SCHOOL_INFO_202401010000.csv',
        Body: 'school_code,memo\nS0,moved\n',
      }),
    );

    // Act
    const { execution } = await drop(
      'SCHOOL_INFO_202502010000.csv',
      'school_code,name\nS2,Daegu\n',
    );

    // Assess
    expect(execution).toMatchObject({ status: 'FAILED', error: 'CrawlerFailed' });
    expect(stateOf(execution, 'DescribeCrawlFailure')?.status).toBe('CAUGHT');
    expect(stateOf(execution, 'DescribeCrawlError')?.status).toBe('SUCCEEDED');
    expect(execution.cause).toMatch(
      /^crawler_school_info failed: The number of tables detected by crawler: 3 is greater than the table threshold value provided: 1\./,
    );
    expect(execution.cause).toContain(
      `Fix or remove the file it names under s3://${bucket}/school_info/`,
    );
  });
});
