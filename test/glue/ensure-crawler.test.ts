import { CreateCrawlerCommand, GetCrawlerCommand } from '@aws-sdk/client-glue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig, parseConfig } from '../../shared/config/load-config.js';
import { crawlerNameFor, deployedStage } from '../../shared/glue/crawler-name.js';
import { ensureCrawler } from '../../shared/glue/ensure-crawler.js';
import { SdkGlueCatalog } from '../../shared/glue/sdk-glue-catalog.js';
import { type GlueTestStack, startGlueTestStack } from './glue-test-stack.js';

const ROLE = 'arn:aws:iam::000000000000:role/csv-catalog-crawler';
const request = (table: string) => ({ bucket: 'data', table, delimiter: ',', quote: '"' });

/** EnsureCrawler against the project's Glue endpoint, through the real SDK. */
describe('ensureCrawler: the grouping policy and table threshold, and the crawler’s name', () => {
  let stack: GlueTestStack;
  let catalog: SdkGlueCatalog;
  const configurationOf = async (name: string) => {
    const { Crawler } = await stack.client.send(new GetCrawlerCommand({ Name: name }));
    return JSON.parse(Crawler?.Configuration ?? '{}');
  };

  beforeAll(async () => {
    stack = await startGlueTestStack(['data']);
    catalog = new SdkGlueCatalog(stack.client);
  });
  afterAll(async () => stack?.stop());

  it('creates a crawler that combines compatible schemas and fails past one table', async () => {
    // Act
    const result = await ensureCrawler(request('school_info'), {
      catalog,
      config: defaultConfig(),
      role: ROLE,
    });

    // Assess
    expect(result).toMatchObject({ name: 'crawler_school_info', action: 'created' });
    expect(await configurationOf('crawler_school_info')).toEqual({
      Version: 1,
      Grouping: { TableGroupingPolicy: 'CombineCompatibleSchemas' },
      CrawlerOutput: {
        Partitions: { AddOrUpdateBehavior: 'InheritFromTable' },
        Tables: { TableThreshold: 1 },
      },
    });
  });

  it('sets them on a crawler the team made without them, then leaves it unchanged', async () => {
    // Prepare: the seed's crawler, adopted with glue.crawlerName `crawler_{table}` on a stage
    const config = defaultConfig({
      glue: { database: 'schoolfriends', crawlerName: 'crawler_{table}' },
    });
    await stack.client.send(
      new CreateCrawlerCommand({
        Name: 'crawler_school_student',
        Role: ROLE,
        DatabaseName: 'schoolfriends',
        Targets: { S3Targets: [{ Path: 's3://data/school_student/' }] },
        SchemaChangePolicy: { UpdateBehavior: 'LOG', DeleteBehavior: 'LOG' },
        Configuration: '{"Version":1.0,"CrawlerOutput":{"Tables":{"TableThreshold":5}}}',
      }),
    );
    const deps = { catalog, config, role: ROLE, stage: 'prod' };

    // Act
    const first = await ensureCrawler(request('school_student'), deps);
    const second = await ensureCrawler(request('school_student'), deps);

    // Assess
    expect(first).toMatchObject({ name: 'crawler_school_student', action: 'updated' });
    expect(first.changed).toContain('Configuration');
    expect(second).toMatchObject({ action: 'unchanged', changed: [] });
    const configuration = await configurationOf('crawler_school_student');
    expect(configuration.Grouping).toEqual({ TableGroupingPolicy: 'CombineCompatibleSchemas' });
    expect(configuration.CrawlerOutput.Tables).toEqual({ TableThreshold: 1 });
  });

  it('puts the stage into the default name, so two stages never share a crawler', async () => {
    // Act
    const dev = await ensureCrawler(request('학교목록'), {
      catalog,
      config: defaultConfig(),
      role: ROLE,
      stage: 'dev',
    });
    const prod = await ensureCrawler(request('학교목록'), {
      catalog,
      config: defaultConfig(),
      role: ROLE,
      stage: 'prod',
    });

    // Assess
    expect([dev.name, prod.name]).toEqual(['crawler_dev_학교목록', 'crawler_prod_학교목록']);
    expect([dev.action, prod.action]).toEqual(['created', 'created']);
  });
});

describe('crawlerNameFor and glue.crawlerName', () => {
  it('fills {table} and {stage}; the default has the stage only when there is one', () => {
    // Prepare
    const defaults = defaultConfig();
    const pattern = defaultConfig({ glue: { crawlerName: '{stage}-csv-{table}' } });

    // Act
    const names = [
      crawlerNameFor('member', defaults),
      crawlerNameFor('member', defaults, 'prod'),
      crawlerNameFor('member', pattern, 'prod'),
      crawlerNameFor('member', pattern),
    ];

    // Assess
    expect(names).toEqual([
      'crawler_member',
      'crawler_prod_member',
      'prod-csv-member',
      'local-csv-member',
    ]);
  });

  it('refuses a pattern without {table}, with an unknown placeholder, or unbalanced', () => {
    // Act
    const problems = ['crawler', 'crawler_{table}_{table}', 'crawler_{name}', 'crawler_{table'].map(
      (crawlerName) => {
        try {
          parseConfig({ glue: { crawlerName } }, 'csv-catalog.config.yml');
          return 'accepted';
        } catch (error) {
          return (error as Error).message;
        }
      },
    );

    // Assess
    expect(problems[0]).toMatch(/csv-catalog\.config\.yml: .*glue\.crawlerName.*\{table\}/);
    expect(problems[1]).toMatch(/exactly once/);
    expect(problems[2]).toMatch(/\{name\} is not a placeholder/);
    expect(problems[3]).toMatch(/unmatched/);
  });

  it('reads the stage from STAGE, refusing one that is not a stage name', () => {
    // Act
    const stages = [
      deployedStage({}),
      deployedStage({ STAGE: '' }),
      deployedStage({ STAGE: 'prod-2' }),
    ];

    // Assess
    expect(stages).toEqual([undefined, undefined, 'prod-2']);
    expect(() => deployedStage({ STAGE: 'prod/*' })).toThrow(/STAGE.*not a stage name/);
  });
});
