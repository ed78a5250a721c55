import { GetTablesCommand } from '@aws-sdk/client-glue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  crawlOnce,
  type GlueTestStack,
  putObjects,
  recrawl,
  startGlueTestStack,
} from './glue-test-stack.js';

/**
 * How the local crawler names tables: the conservative reading of "only alphanumeric characters
 * and underscore" (ASCII), and "if duplicate table names are encountered, the crawler adds a hash
 * string suffix to the name" (https://docs.aws.amazon.com/glue/latest/dg/crawler-running.html).
 */
describe('local Glue crawler: table names from folders', () => {
  let stack: GlueTestStack;
  beforeAll(async () => {
    stack = await startGlueTestStack(['data']);
    await putObjects(stack.s3, 'data', {
      '학생/학생_20250901.csv': '학번,이름\n1,김민수\n2,이서연\n',
      '교사/교사_20250901.csv': '교번,과목\n7,국어\n8,수학\n',
    });
  });
  afterAll(async () => stack?.stop());

  const tables = async () => {
    const { TableList } = await stack.client.send(
      new GetTablesCommand({ DatabaseName: 'schoolfriends' }),
    );
    return (TableList ?? []).map((t) => ({
      name: t.Name ?? '',
      location: t.StorageDescriptor?.Location,
      crawler: t.Parameters?.UPDATED_BY_CRAWLER,
    }));
  };

  it('names the table of a Korean folder with ASCII underscores', async () => {
    // Act
    const crawler = await crawlOnce(stack.client, {
      Name: 'crawler_학생',
      paths: ['s3://data/학생/'],
    });

    // Assess
    expect(crawler.LastCrawl?.Status).toBe('SUCCEEDED');
    expect(await tables()).toEqual([
      { name: '__', location: 's3://data/학생/', crawler: 'crawler_학생' },
    ]);
  });

  it('adds a hash suffix when another location has the name already, and keeps it on recrawls', async () => {
    // Act
    await crawlOnce(stack.client, { Name: 'crawler_교사', paths: ['s3://data/교사/'] });
    await recrawl(stack.client, 'crawler_교사');
    await recrawl(stack.client, 'crawler_학생');
    const found = await tables();

    // Assess
    expect(found).toHaveLength(2);
    expect(found[0]).toEqual({ name: '__', location: 's3://data/학생/', crawler: 'crawler_학생' });
    expect(found[1]?.name).toMatch(/^___[0-9a-f]{16}$/);
    expect(found[1]).toMatchObject({ location: 's3://data/교사/', crawler: 'crawler_교사' });
  });
});
