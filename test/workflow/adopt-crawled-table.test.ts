import { GetPartitionsCommand, GetTablesCommand } from '@aws-sdk/client-glue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adoptCrawledTable } from '../../shared/glue/adopt-crawled-table.js';
import { SdkGlueCatalog } from '../../shared/glue/sdk-glue-catalog.js';
import {
  crawlOnce,
  type GlueTestStack,
  putObjects,
  recrawl,
  startGlueTestStack,
} from '../glue/glue-test-stack.js';

const DATABASE = 'schoolfriends';
const TABLE = '학교목록';
const CSV = '학교명,주소\n서울초등학교,마포구\n';
const CRAWLER = `crawler_${TABLE}`;

/** adoptCrawledTable against the project's Glue endpoint, whose crawler names `학교목록/` `____`. */
describe('adoptCrawledTable', () => {
  let stack: GlueTestStack;
  let catalog: SdkGlueCatalog;
  beforeAll(async () => {
    stack = await startGlueTestStack(['data']);
    catalog = new SdkGlueCatalog(stack.client);
  });
  afterAll(async () => stack?.stop());

  const tables = async () => {
    const { TableList } = await stack.client.send(new GetTablesCommand({ DatabaseName: DATABASE }));
    return (TableList ?? []).map((t) => [t.Name, t.StorageDescriptor?.Location]);
  };
  const partitionValues = async (table: string) => {
    const { Partitions } = await stack.client.send(
      new GetPartitionsCommand({ DatabaseName: DATABASE, TableName: table }),
    );
    return (Partitions ?? []).map((p) => p.Values);
  };

  it('finds nothing to adopt and no table before any crawl', async () => {
    // Prepare
    await catalog.ensureDatabase(DATABASE);

    // Act
    const table = await adoptCrawledTable(catalog, {
      database: DATABASE,
      bucket: 'data',
      table: TABLE,
      crawler: CRAWLER,
    });

    // Assess
    expect(table).toBeUndefined();
    expect(await tables()).toEqual([]);
  });

  it('adopts a partitioned crawled table with its partitions, twice at once, leaving one table', async () => {
    // Prepare
    await putObjects(stack.s3, 'data', { [`${TABLE}/year=2025/a.csv`]: CSV });
    await crawlOnce(stack.client, { Name: `crawler_${TABLE}`, paths: [`s3://data/${TABLE}/`] });
    const crawled = await tables();

    // Act
    const adopted = await Promise.all(
      [1, 2].map(() =>
        adoptCrawledTable(catalog, {
          database: DATABASE,
          bucket: 'data',
          table: TABLE,
          crawler: CRAWLER,
        }),
      ),
    );

    // Assess
    expect(crawled).toEqual([['____', `s3://data/${TABLE}/`]]);
    for (const table of adopted) {
      expect(table).toMatchObject({
        Name: TABLE,
        PartitionKeys: [{ Name: 'year', Type: 'string' }],
        StorageDescriptor: { Location: `s3://data/${TABLE}/` },
        Parameters: { UPDATED_BY_CRAWLER: `crawler_${TABLE}` },
      });
    }
    expect(await tables()).toEqual([[TABLE, `s3://data/${TABLE}/`]]);
    expect(await partitionValues(TABLE)).toEqual([['2025']]);
  });

  it('takes the partitions of a later crawl into our table and deletes the crawler’s again', async () => {
    // Prepare: a new partition folder; the crawler cannot find ____ and makes it again
    await putObjects(stack.s3, 'data', { [`${TABLE}/year=2026/b.csv`]: CSV });
    await recrawl(stack.client, `crawler_${TABLE}`);
    const recrawled = await tables();

    // Act
    const table = await adoptCrawledTable(catalog, {
      database: DATABASE,
      bucket: 'data',
      table: TABLE,
      crawler: CRAWLER,
    });

    // Assess
    expect(recrawled.map(([name]) => name)).toEqual(['____', TABLE]);
    expect(table?.Name).toBe(TABLE);
    expect(await tables()).toEqual([[TABLE, `s3://data/${TABLE}/`]]);
    expect(await partitionValues(TABLE)).toEqual([['2025'], ['2026']]);
  });

  it('leaves alone a table at the location that another crawler or a user made', async () => {
    // Prepare
    await catalog.createTable(DATABASE, {
      Name: 'by_hand',
      StorageDescriptor: { Location: `s3://data/${TABLE}` },
      Parameters: { UPDATED_BY_CRAWLER: 'crawler_other' },
    });

    // Act
    await adoptCrawledTable(catalog, {
      database: DATABASE,
      bucket: 'data',
      table: TABLE,
      crawler: CRAWLER,
    });

    // Assess
    expect(await tables()).toEqual([
      ['by_hand', `s3://data/${TABLE}`],
      [TABLE, `s3://data/${TABLE}/`],
    ]);
  });
});
