import type { Table } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../shared/config/config-schema.js';
import { defaultConfig } from '../../shared/config/load-config.js';
import { decideCrawl, LOG_CRAWL_SKIPPED } from '../../shared/glue/decide-crawl.js';
import type { GlueCatalog } from '../../shared/glue/glue-catalog.js';
import { catalogColumnNames } from '../../shared/naming/catalog-column-names.js';

const header = (...names: string[]) => ({ original: names, catalog: names });

/** A catalog holding one table `member` (or none), for DecideCrawl's one GetTable. */
function catalogWith(table: Partial<Table> | undefined): GlueCatalog {
  const getTable = async () => (table ? ({ Name: 'member', ...table } as Table) : undefined);
  return { getTable } as unknown as GlueCatalog;
}

const memberTable = (...columns: string[]): Partial<Table> => ({
  StorageDescriptor: { Columns: columns.map((Name) => ({ Name, Type: 'string' })) },
  PartitionKeys: [],
});

async function decide(
  table: Partial<Table> | undefined,
  names: string[],
  config: ConfigInput = {},
  key = 'member/MEMBER_202508301200.csv',
) {
  return decideCrawl(
    { table: 'member', key, header: header(...names) },
    { catalog: catalogWith(table), config: defaultConfig({ glue: { database: 'sf' }, ...config }) },
  );
}

const UPDATE = { crawl: { schemaChangePolicy: { updateBehavior: 'UPDATE_IN_DATABASE' as const } } };

describe('decideCrawl', () => {
  it('crawls for a table the catalog lacks', async () => {
    // Act
    const decision = await decide(undefined, ['member_no']);

    // Assess
    expect(decision).toEqual({
      crawl: true,
      reason: 'table sf.member is not in the catalog yet',
    });
  });

  it('names the first five new columns and counts the rest: the reason stays in the state', async () => {
    // Prepare: 1,000 new columns of 64 Korean characters
    const names = Array.from({ length: 1_000 }, (_, i) => `열${i}_${'가'.repeat(64)}`.slice(0, 64));

    // Act
    const decision = await decide(memberTable('member_no'), ['member_no', ...names], UPDATE);

    // Assess
    expect(decision.crawl).toBe(true);
    expect(decision.reason).toBe(
      `the file has columns sf.member lacks: ${names.slice(0, 5).join(', ')} and 995 more`,
    );
  });

  it('skips the crawl when the table has every column of the file', async () => {
    // Act
    const decision = await decide(memberTable('member_no', 'name'), ['member_no', 'name']);

    // Assess
    expect(decision.crawl).toBe(false);
  });

  it('skips the crawl for new header columns under LOG: CoerceSchema adds them', async () => {
    // Act
    const decision = await decide(memberTable('member_no'), ['member_no', 'note']);

    // Assess
    expect(decision).toEqual({
      crawl: false,
      reason: `${LOG_CRAWL_SKIPPED} (new in the file: note)`,
    });
  });

  it('crawls for new header columns under UPDATE_IN_DATABASE', async () => {
    // Act
    const decision = await decide(memberTable('member_no'), ['member_no', 'note'], UPDATE);

    // Assess
    expect(decision).toEqual({
      crawl: true,
      reason: 'the file has columns sf.member lacks: note',
    });
  });

  it('sees a column that takes the place of a dropped one as new, not as a rename', async () => {
    // Act
    const decision = await decide(
      memberTable('member_no', 'old_col'),
      ['member_no', 'new_col'],
      UPDATE,
    );

    // Assess
    expect(decision).toMatchObject({ crawl: true, reason: expect.stringContaining('new_col') });
  });

  it('crawls a partitioned table under LOG: the file may be in a new partition', async () => {
    // Act
    const decision = await decide(
      memberTable('member_no'),
      ['member_no', 'note'],
      {},
      'member/region=seoul/m.csv',
    );

    // Assess
    expect(decision).toMatchObject({ crawl: true, reason: expect.stringContaining('partitioned') });
  });

  it('always crawls under crawl.mode always', async () => {
    // Act
    const decision = await decide(memberTable('member_no'), ['member_no'], {
      crawl: { mode: 'always' },
    });

    // Assess
    expect(decision).toEqual({ crawl: true, reason: 'crawl.mode is always' });
  });

  it('sees every field of id,,Id,ID,,note in the table the crawler made from it', async () => {
    // Prepare
    const cells = ['id', '', 'Id', 'ID', '', 'note'];
    const table = memberTable('id', 'col1', 'id_1', 'id_2', 'col4', 'note');

    // Act
    const decision = await decideCrawl(
      {
        table: 'member',
        key: 'member/m.csv',
        header: { original: cells, catalog: catalogColumnNames(cells) },
      },
      { catalog: catalogWith(table), config: defaultConfig(UPDATE) },
    );

    // Assess
    expect(decision).toEqual({
      crawl: false,
      reason: 'the table has every column of the file: crawl skipped',
    });
  });

  it('sees a Korean header in the table the crawler made from it', async () => {
    // Prepare
    const cells = ['학번', '학교 code'];

    // Act
    const decision = await decideCrawl(
      {
        table: '학생',
        key: '학생/학생_20250901.csv',
        header: { original: cells, catalog: catalogColumnNames(cells) },
      },
      { catalog: catalogWith(memberTable('학번', '학교 code')), config: defaultConfig(UPDATE) },
    );

    // Assess
    expect(decision.crawl).toBe(false);
  });

  it.each(['constructor', 'toString', 'hasOwnProperty'])(
    'decides for a table named %s, configured or not',
    async (table) => {
      // Prepare
      const configured = defaultConfig({ ...UPDATE, tables: { valueof: { rename: { a: 'b' } } } });

      // Act
      const decision = await decideCrawl(
        {
          table: table.toLowerCase(),
          key: `${table.toLowerCase()}/x.csv`,
          header: header('id', 'note'),
        },
        { catalog: catalogWith(memberTable('id')), config: configured },
      );

      // Assess
      expect(decision).toMatchObject({ crawl: true, reason: expect.stringContaining('note') });
    },
  );
});
