import { GetCrawlerMetricsCommand, GetTablesCommand } from '@aws-sdk/client-glue';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestS3, type TestS3 } from '../support/local-s3.js';
import {
  DeferredStarter,
  startWorkflowStack,
  type WorkflowTestOptions,
  type WorkflowTestStack,
} from './workflow-test-stack.js';

/**
 * The local crawler names `학교목록/` `____` (ASCII only, the conservative reading of Glue's
 * naming rules); the workflow still ends with exactly one table at the location, under our name.
 */
describe('the workflow catalogs a table under its own name, whatever the crawler named it', () => {
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

  /** Every table of the stack's database: name, location, the crawler that wrote it. */
  const catalogTables = async (current: WorkflowTestStack) => {
    const { TableList } = await current.glueClient.send(
      new GetTablesCommand({ DatabaseName: current.config.glue.database }),
    );
    return (TableList ?? []).map((t) => ({
      name: t.Name,
      location: t.StorageDescriptor?.Location,
      columns: (t.StorageDescriptor?.Columns ?? []).map((c) => c.Name),
    }));
  };

  it('catalogs 학교목록_20250901.csv as 학교목록, the only table at 학교목록/', async () => {
    // Prepare
    const current = await start();

    // Act
    const { execution } = await current.drop(
      '학교목록_20250901.csv',
      '학교명,주소\n서울초등학교,마포구\n부산중학교,해운대구\n',
    );

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.output).toMatchObject({ outcome: 'catalogued', table: '학교목록' });
    expect(await catalogTables(current)).toEqual([
      {
        name: '학교목록',
        location: `s3://${current.bucket}/학교목록/`,
        columns: ['학교명', '주소'],
      },
    ]);
  });

  it('removes the table a later crawl makes again under the crawler’s name', async () => {
    // Prepare: every snapshot is crawled, and the LOG crawler recreates its own table each time
    const current = await start({ config: { crawl: { mode: 'always' } } });
    await current.drop('학교목록_20250901.csv', '학교명,주소\n서울초등학교,마포구\n');

    // Act
    const { execution } = await current.drop(
      '학교목록_20250902.csv',
      '학교명,주소,전화\n서울초등학교,마포구,02\n',
    );

    // Assess
    const { CrawlerMetricsList } = await current.glueClient.send(
      new GetCrawlerMetricsCommand({ CrawlerNameList: ['crawler_학교목록'] }),
    );
    expect(CrawlerMetricsList?.[0]?.TablesCreated).toBe(1);
    expect(execution.status).toBe('SUCCEEDED');
    expect(await catalogTables(current)).toEqual([
      {
        name: '학교목록',
        location: `s3://${current.bucket}/학교목록/`,
        columns: ['학교명', '주소', '전화'],
      },
    ]);
  });

  it('catalogs a table named constructor, the only table at constructor/', async () => {
    // Prepare
    const current = await start();

    // Act
    const { execution } = await current.drop(
      'CONSTRUCTOR_20250901.csv',
      'id,__proto__,toString\n1,2,3\n4,5,6\n',
    );

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    expect(await catalogTables(current)).toEqual([
      {
        name: 'constructor',
        location: `s3://${current.bucket}/constructor/`,
        columns: ['id', 'proto', 'tostring'],
      },
    ]);
  });

  it('catalogs 학생 and 교사, whose crawled names collide, each under its own name', async () => {
    // Prepare: both filed before either execution runs, so that their crawls overlap
    const current = await start();
    const held = new DeferredStarter();
    await current.fileOnly('학생_20250901.csv', '학번,이름\n1,김민수\n', held);
    await current.fileOnly('교사_20250901.csv', '교번,과목\n7,국어\n', held);

    // Act
    for (const { name, input } of held.started) await current.runner.start(name, input);
    const executions = await Promise.all(held.started.map(({ name }) => current.runner.wait(name)));

    // Assess
    expect(executions.map((e) => e.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect(await catalogTables(current)).toEqual([
      { name: '교사', location: `s3://${current.bucket}/교사/`, columns: ['교번', '과목'] },
      { name: '학생', location: `s3://${current.bucket}/학생/`, columns: ['학번', '이름'] },
    ]);
  });
});
