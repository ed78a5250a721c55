import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RdsLoadRejected } from '../../shared/errors.js';
import { type LoadRowsRequest, loadRows } from '../../shared/mysql/load-rows.js';
import { syncTableDdl } from '../../shared/mysql/sync-table-ddl.js';
import type { TestS3 } from '../support/local-s3.js';
import {
  loadToEnd,
  type ObservedStore,
  openLoadDatabase,
  putFile,
  selectAll,
  startLoadS3,
} from './load-test-fixture.js';
import type { TestDatabase } from './test-database.js';

const CATALOG = ['번호', '이름', '주소', '비고', '학년'].map((name) => ({ name, type: 'string' }));

describe('loadRows maps the file’s fields to MySQL by name', () => {
  let s3: TestS3;
  let store: ObservedStore;
  let db: TestDatabase;

  beforeAll(async () => {
    ({ s3, store } = await startLoadS3());
  });
  afterAll(async () => {
    await s3?.stop();
  });
  beforeEach(async () => {
    db = await openLoadDatabase();
  });
  afterEach(async () => {
    await db?.drop();
  });

  const request = (
    partial: Partial<LoadRowsRequest> & Pick<LoadRowsRequest, 'table' | 'key' | 'fields'>,
  ): LoadRowsRequest => ({
    database: db.database,
    snapshot: 's1',
    delimiter: ',',
    quote: '"',
    mode: 'replace',
    emptyAs: 'null',
    maxShrink: 0.5,
    ...partial,
  });
  const load = (partial: Parameters<typeof request>[0]) =>
    loadRows(request(partial), { connection: db.connection, store });

  it.each([
    ['replace', undefined],
    ['append', 8],
  ] as const)(
    'loads a table mirroring a subset of the catalog from a file in another order, skipping the unmirrored fields (%s, chunkBytes %s)',
    async (mode, chunkBytes) => {
      // Prepare
      const mirror = { columns: ['비고', '번호', '이름'] };
      await syncTableDdl(
        { database: db.database, table: '학생', columns: CATALOG, mirror },
        { connection: db.connection },
      );
      const fields = ['이름', '학년', '번호', '주소', '비고'];
      const key = await putFile(
        store,
        '학생/학생.csv',
        '이름,학년,번호,주소,비고\n김하나,1,7,"서울시\n서초구",첫째\n이두리,2,8,부산시,\n',
      );

      // Act
      const results = await loadToEnd(
        request({
          table: '학생',
          key,
          fields,
          mode,
          catalog: { columns: CATALOG, mirror },
          ...(chunkBytes ? { chunkBytes } : {}),
        }),
        { connection: db.connection, store },
      );

      // Assess
      expect((await db.columns('학생')).map((c) => c.name)).toEqual(['번호', '이름', '비고']);
      expect(results.length).toBe(chunkBytes ? 3 : 1);
      expect(results.at(-1)).toMatchObject({ done: true, rows: 2 });
      expect(await selectAll(db, '학생', '번호')).toEqual([
        { 번호: '7', 이름: '김하나', 비고: '첫째' },
        { 번호: '8', 이름: '이두리', 비고: null },
      ]);
    },
  );

  it('puts mirrored fields the table has no column for into the overflow JSON, by catalog name, and skips the unmirrored', async () => {
    // Prepare
    await db.connection.query(
      `CREATE TABLE \`${db.database}\`.\`학생\` (\`번호\` VARCHAR(255), \`이름\` VARCHAR(255), \`_overflow\` JSON) DEFAULT CHARSET = utf8mb4`,
    );
    const mirror = { columns: ['번호', '이름', '주소', '비고'], overflow: 'json' as const };
    const fields = ['주소', '번호', '학년', '비고', '이름'];
    const key = await putFile(
      store,
      '학생/넘침.csv',
      '주소,번호,학년,비고,이름\n"서울시 ""강남""\n역삼동",1,3,,김하나\n부산시,2,4,메모 \\n 그대로,이두리\n',
    );

    // Act
    await load({ table: '학생', key, fields, catalog: { columns: CATALOG, mirror } });

    // Assess
    const rows = await selectAll(db, '학생', '번호');
    expect(rows.map((r) => ({ ...r }))).toEqual([
      { 번호: '1', 이름: '김하나', _overflow: { 주소: '서울시 "강남"\n역삼동', 비고: null } },
      { 번호: '2', 이름: '이두리', _overflow: { 주소: '부산시', 비고: '메모 \\n 그대로' } },
    ]);
  });

  it('leaves the table’s columns the file lacks at their default (NULL) and widens by name, not position', async () => {
    // Prepare
    await syncTableDdl(
      {
        database: db.database,
        table: '학생',
        columns: CATALOG,
        sampleMaxLengths: { 주소: 10 },
      },
      { connection: db.connection },
    );
    const long = `${'가'.repeat(400)}끝`;
    const key = await putFile(store, '학생/일부.csv', `주소,번호\n${long},1\n짧다,2\n`);

    // Act
    const result = await load({
      table: '학생',
      key,
      fields: ['주소', '번호'],
      catalog: { columns: CATALOG },
    });

    // Assess
    expect(result).toMatchObject({ rows: 2, widened: ['주소'] });
    expect(await selectAll(db, '학생', '번호')).toEqual([
      { 번호: '1', 이름: null, 주소: long, 비고: null, 학년: null },
      { 번호: '2', 이름: null, 주소: '짧다', 비고: null, 학년: null },
    ]);
  });

  it('refuses a repeated field and a file with no field MySQL mirrors, naming the file', async () => {
    // Prepare
    await syncTableDdl(
      { database: db.database, table: '학생', columns: CATALOG },
      { connection: db.connection },
    );
    const twice = await putFile(store, '학생/둘.csv', '번호,이름,번호\n1,가,1\n');
    const none = await putFile(store, '학생/없음.csv', '색,맛\n빨강,단\n');

    // Act
    const repeated = await load({
      table: '학생',
      key: twice,
      fields: ['번호', '이름', '번호'],
    }).catch((e: unknown) => e);
    const unmapped = await load({ table: '학생', key: none, fields: ['색', '맛'] }).catch(
      (e: unknown) => e,
    );

    // Assess
    expect(repeated).toBeInstanceOf(RdsLoadRejected);
    expect((repeated as Error).message).toMatch(/^학생\/둘\.csv: the field "번호" occurs twice/);
    expect(unmapped).toBeInstanceOf(RdsLoadRejected);
    expect((unmapped as Error).message).toMatch(
      /^학생\/없음\.csv: none of the file's fields \(색, 맛\)/,
    );
    expect(await db.tables()).toEqual(['_csv_catalog_loads', '학생']);
  });
});
