import { DeleteTableCommand, GetCrawlerCommand, StartCrawlerCommand } from '@aws-sdk/client-glue';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LambdaHandler } from '../../local/workflow/lambda-stand-in.js';
import { startTestS3, type TestS3 } from '../support/local-s3.js';
import {
  startWorkflowStack,
  stateOf,
  TEACHER_COLUMNS,
  teacherCsv,
  type WorkflowTestOptions,
  type WorkflowTestStack,
} from './workflow-test-stack.js';

const FIRST = 'SCHOOL_TEACHER_202508291512.csv';
const SECOND = 'SCHOOL_TEACHER_202508301200.csv';
const TEACHER_STRINGS = TEACHER_COLUMNS.map((name) => [name, 'string']);
/** A crawler that changes existing tables: new header columns are then worth a crawl. */
const UPDATE_IN_DATABASE = {
  crawl: { schemaChangePolicy: { updateBehavior: 'UPDATE_IN_DATABASE' } },
} as const;

describe('the workflow crawls when it must, and only then', () => {
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

  /** Starts crawler_school_teacher before calling the real handler, on the first call only. */
  const startingCrawlerBefore = (real: LambdaHandler, when: () => boolean): LambdaHandler => {
    return async (event, context) => {
      if (when() && stack) {
        await stack.glueClient.send(new StartCrawlerCommand({ Name: 'crawler_school_teacher' }));
      }
      return real(event, context);
    };
  };

  it('creates and runs crawler_school_teacher for a first all-string file: string columns in Glue and MySQL', async () => {
    // Prepare
    const { drop, glueClient, catalogColumns, db } = await start();

    // Act
    const { execution } = await drop(FIRST, teacherCsv());

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.output).toMatchObject({
      outcome: 'catalogued',
      crawler: { action: 'created', classifier: 'csv_catalog_comma', databaseCreated: true },
      crawl: { crawl: true },
      mysql: { created: true },
    });
    const { Crawler } = await glueClient.send(
      new GetCrawlerCommand({ Name: 'crawler_school_teacher' }),
    );
    expect(Crawler).toMatchObject({
      Classifiers: ['csv_catalog_comma'],
      SchemaChangePolicy: { UpdateBehavior: 'LOG', DeleteBehavior: 'LOG' },
      Targets: { S3Targets: [{ Exclusions: ['_raw/**', '_archive/**'] }] },
      LastCrawl: { Status: 'SUCCEEDED' },
    });
    expect(await catalogColumns('school_teacher')).toEqual(TEACHER_STRINGS);
    expect(await db.columns('school_teacher')).toEqual(
      TEACHER_COLUMNS.map((name) => ({ name, type: 'varchar(255)' })),
    );
  });

  it('skips the crawler for a second snapshot with the same header', async () => {
    // Prepare
    const { drop, catalogColumns } = await start();
    await drop(FIRST, teacherCsv());

    // Act
    const { execution } = await drop(SECOND, teacherCsv(5));

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.output).toMatchObject({
      crawler: { action: 'unchanged' },
      crawl: { crawl: false, reason: expect.stringContaining('crawl skipped') },
      mysql: { statements: 0 },
    });
    expect(stateOf(execution, 'StartCrawler')).toBeUndefined();
    expect(await catalogColumns('school_teacher')).toEqual(TEACHER_STRINGS);
  });

  it('crawls again when the table went missing from the catalog, and recreates it', async () => {
    // Prepare
    const { drop, glueClient, config, catalogColumns } = await start();
    await drop(FIRST, teacherCsv());
    await glueClient.send(
      new DeleteTableCommand({ DatabaseName: config.glue.database, Name: 'school_teacher' }),
    );

    // Act
    const { execution } = await drop(SECOND, teacherCsv());

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.output).toMatchObject({
      crawler: { action: 'unchanged' },
      crawl: { crawl: true, reason: expect.stringContaining('not in the catalog') },
    });
    expect(await catalogColumns('school_teacher')).toEqual(TEACHER_STRINGS);
  });

  it('waits for a crawl already running that started after the file was checked, without starting another', async () => {
    // Prepare: the second execution's DecideCrawl starts the crawler just before it decides
    let executions = 0;
    const { drop, catalogColumns } = await start({
      minCrawlMs: 500,
      config: UPDATE_IN_DATABASE,
      lambdas: (real) => ({
        DecideCrawl: startingCrawlerBefore(real.DecideCrawl, () => ++executions === 2),
      }),
    });
    await drop(FIRST, teacherCsv());

    // Act
    const { execution } = await drop(SECOND, teacherCsv(3, ['note']));

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    expect(stateOf(execution, 'StartCrawler')).toMatchObject({
      entered: 1,
      status: 'CAUGHT',
      error: 'Glue.CrawlerRunningException',
    });
    expect(stateOf(execution, 'DoesCrawlCoverFile')?.entered).toBe(1);
    expect((await catalogColumns('school_teacher')).map(([name]) => name)).toEqual([
      ...TEACHER_COLUMNS,
      'note',
    ]);
  });

  it('crawls again after a running crawl that started before the file was checked', async () => {
    // Prepare: the second execution's CheckSnapshot starts the crawler just before it checks
    let executions = 0;
    const { drop, catalogColumns } = await start({
      minCrawlMs: 500,
      config: UPDATE_IN_DATABASE,
      lambdas: (real) => ({
        CheckSnapshot: startingCrawlerBefore(real.CheckSnapshot, () => ++executions === 2),
      }),
    });
    await drop(FIRST, teacherCsv());

    // Act
    const { execution } = await drop(SECOND, teacherCsv(3, ['note']));

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    expect(stateOf(execution, 'StartCrawler')).toMatchObject({
      entered: 2,
      status: 'SUCCEEDED',
      error: 'Glue.CrawlerRunningException',
    });
    expect(stateOf(execution, 'DoesCrawlCoverFile')?.entered).toBe(2);
    expect(stateOf(execution, 'CrawlAgain')?.entered).toBe(1);
    // The second crawl's polls are counted from 0: fewer than all GetCrawler calls.
    const { crawl } = execution.output as { crawl: { polls: number; recrawls: number } };
    expect(crawl).toMatchObject({ crawl: true, recrawls: 1 });
    expect(crawl.polls).toBeGreaterThan(0);
    expect(crawl.polls).toBeLessThan(stateOf(execution, 'GetCrawler')?.entered ?? 0);
    expect((await catalogColumns('school_teacher')).map(([name]) => name)).toEqual([
      ...TEACHER_COLUMNS,
      'note',
    ]);
  });

  it.each([
    ['an hour ahead of Glue’s', (at: string) => new Date(Date.parse(at) + 3_600_000).toISOString()],
    ['not a timestamp', () => 'not a timestamp'],
  ])(
    'crawls again at most once when the check’s clock is %s, then catalogs the file',
    async (_, coverCrawlsFrom) => {
      // Prepare: every crawl seems to start before the file was checked (skewed clocks)
      const { drop, catalogColumns } = await start({
        minCrawlMs: 100,
        lambdas: (real) => ({
          CheckSnapshot: async (event, context) => {
            const result = (await real.CheckSnapshot(event, context)) as Record<string, string>;
            return { ...result, coverCrawlsFrom: coverCrawlsFrom(result.coverCrawlsFrom ?? '') };
          },
        }),
      });

      // Act
      const { execution } = await drop(FIRST, teacherCsv());

      // Assess: one recrawl (the second crawl is ours, started after the check), not a loop
      expect(execution.status).toBe('SUCCEEDED');
      expect(stateOf(execution, 'StartCrawler')?.entered).toBe(2);
      expect(stateOf(execution, 'CrawlAgain')?.entered).toBe(1);
      expect(stateOf(execution, 'DoesCrawlCoverFile')?.entered).toBe(2);
      expect(execution.output).toMatchObject({ crawl: { crawl: true, recrawls: 1 } });
      expect(await catalogColumns('school_teacher')).toEqual(TEACHER_STRINGS);
    },
  );

  it('fails at CrawlerFailed with the crawler’s error message when the crawl fails', async () => {
    // Prepare: a file in the table's prefix that is not UTF-8 text
    const { drop, bucket, runner } = await start();
    await s3.client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'school_teacher/legacy.csv',
        Body: new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0xff, 0xfe, 0x2c, 0x80, 0x0a]),
      }),
    );

    // Act
    const { execution } = await drop(FIRST, teacherCsv());

    // Assess
    expect(execution).toMatchObject({ status: 'FAILED', error: 'CrawlerFailed' });
    expect(execution.cause).toMatch(
      /^crawler_school_teacher failed crawling s3:\/\/[^ ]+\/school_teacher\/: .*legacy\.csv.*UTF-8/,
    );
    // DescribeCrawlFailure read the files too: the odd one is named with what is wrong with it.
    expect(execution.cause).toContain(
      `The files under s3://${bucket}/school_teacher/ do not share one header: SCHOOL_TEACHER_202508291512.csv has (school_code, member_no, use_yn, memo, reg_member_no, reg_date, mod_member_no, mod_date); legacy.csv cannot be read as CSV (legacy.csv: is not valid UTF-8`,
    );
    expect(execution.cause).toContain(
      ', then run `npx csv-catalog sync --table school_teacher` (a redrive would fail again at this state)',
    );
    expect(stateOf(execution, 'CrawlerFailed')?.status).toBe('FAILED');
    expect(stateOf(execution, 'CoerceSchema')).toBeUndefined();
    // A redrive would only reach the same Fail state: refused, with what to do instead.
    await expect(runner.redrive(execution.name)).rejects.toThrow(
      /ended at CrawlerFailed, a Fail state: a redrive would fail there again\. crawler_school_teacher failed crawling .*csv-catalog sync --table school_teacher/,
    );
  });

  it('gives up with CrawlerTimeout after the configured number of polls', async () => {
    // Prepare: a crawl that takes ten minutes, two polls allowed
    const { drop } = await start({ minCrawlMs: 600_000, config: { crawl: { maxPolls: 2 } } });

    // Act
    const { execution } = await drop(FIRST, teacherCsv());

    // Assess
    expect(execution).toMatchObject({ status: 'FAILED', error: 'CrawlerTimeout' });
    expect(execution.cause).toBe(
      'crawler_school_teacher was still RUNNING after 2 polls at 1-second intervals. The crawler may still be running in Glue: wait until it is READY, then run `csv-catalog sync --table school_teacher` (a redrive would fail again at this state)',
    );
    expect(stateOf(execution, 'GetCrawler')?.entered).toBe(2);
  });
});
