import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  RdsLoadMismatch,
  RdsLoadSourceChanged,
  RdsLockTimeout,
  RdsUnavailable,
} from '../../shared/errors.js';
import { loadLockName } from '../../shared/mysql/load-lock.js';
import { type LoadRowsRequest, loadRows } from '../../shared/mysql/load-rows.js';
import { type MysqlConnection, openMysql } from '../../shared/mysql/open-mysql.js';
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
import { type TestDatabase, testMysqlSettings } from './test-database.js';

const FIELDS = ['번호', '이름', '주소', '비고'];
const COLUMNS = '`번호` INT, `이름` VARCHAR(255), `주소` VARCHAR(255), `비고` VARCHAR(255)';

/**
 * Records with everything a chunk edge can cut wrongly: quoted line breaks (LF and CRLF),
 * doubled quotes, delimiters inside quotes, backslashes, Korean text and empty fields.
 */
function schoolCsv(lineBreak: '\n' | '\r\n', records: number): string {
  const lines = [FIELDS.join(',')];
  for (let i = 1; i <= records; i++) {
    const 이름 = i % 3 === 0 ? `"한글 ""따옴표"" ${i}"` : `학생${'가'.repeat(i % 7)}`;
    const 주소 = i % 4 === 0 ? `"서울시\r\n서초구\n${i}"` : `C:\\temp\\${i}\\`;
    const 비고 = i % 5 === 0 ? '' : `"줄${lineBreak}바꿈, 쉼표 ${'나'.repeat(i % 11)}"`;
    lines.push([i, 이름, 주소, 비고].join(','));
  }
  return `${lines.join(lineBreak)}${lineBreak}`;
}

describe('loadRows in chunks, into MariaDB from the local S3', () => {
  let s3: TestS3;
  let store: ObservedStore;
  let db: TestDatabase;
  const others: MysqlConnection[] = [];

  beforeAll(async () => {
    ({ s3, store } = await startLoadS3());
  });
  afterAll(async () => {
    await s3?.stop();
  });
  beforeEach(async () => {
    db = await openLoadDatabase();
    store.reads.length = 0;
    store.wrapRead = undefined;
  });
  afterEach(async () => {
    for (const connection of others.splice(0)) await connection.end().catch(() => {});
    await db?.drop();
  });

  async function createTable(table: string, columns = COLUMNS) {
    await db.connection.query(
      `CREATE TABLE \`${db.database}\`.\`${table}\` (${columns}) DEFAULT CHARSET = utf8mb4`,
    );
  }
  function request(
    partial: Partial<LoadRowsRequest> & Pick<LoadRowsRequest, 'table' | 'key'>,
  ): LoadRowsRequest {
    return {
      database: db.database,
      snapshot: 's1',
      delimiter: ',',
      quote: '"',
      mode: 'replace',
      emptyAs: 'null',
      maxShrink: 0.5,
      fields: FIELDS,
      ...partial,
    };
  }
  async function connection(): Promise<MysqlConnection> {
    const opened = await openMysql(testMysqlSettings());
    others.push(opened);
    return opened;
  }

  it.each([
    ['LF', 7, '\n'],
    ['LF', 64, '\n'],
    ['CRLF', 7, '\r\n'],
    ['CRLF', 64, '\r\n'],
  ] as const)(
    'loads chunk by chunk (%s, %i bytes) exactly what one call loads, replace and append',
    async (_, chunkBytes, lineBreak) => {
      // Prepare
      const key = await putFile(store, `학교/학교_${chunkBytes}.csv`, schoolCsv(lineBreak, 20));
      await createTable('한번');
      await createTable('조각');
      const clients = { connection: db.connection, store };

      // Act
      const whole = await loadToEnd(request({ table: '한번', key }), clients);
      const chunked = await loadToEnd(request({ table: '조각', key, chunkBytes }), clients);
      const replaced = { whole: await selectAll(db, '한번'), chunked: await selectAll(db, '조각') };
      const wholeAppend = await loadToEnd(request({ table: '한번', key, mode: 'append' }), clients);
      const chunkedAppend = await loadToEnd(
        request({ table: '조각', key, mode: 'append', chunkBytes }),
        clients,
      );

      // Assess
      expect(whole).toHaveLength(1);
      expect(whole[0]).toMatchObject({ done: true, rows: 20, chunks: 1 });
      expect(chunked.length).toBeGreaterThan(5);
      expect(chunked.at(-1)).toMatchObject({ done: true, rows: 20, chunks: chunked.length });
      expect(chunked.slice(0, -1).every((r) => !r.done)).toBe(true);
      expect(replaced.chunked).toEqual(replaced.whole);
      expect(replaced.whole).toHaveLength(20);
      expect(replaced.whole[3]).toEqual({
        번호: 4,
        이름: '학생가가가가',
        주소: '서울시\r\n서초구\n4',
        비고: `줄${lineBreak}바꿈, 쉼표 나나나나`,
      });
      expect(replaced.whole[2]?.이름).toBe('한글 "따옴표" 3');
      expect(replaced.whole[0]?.주소).toBe('C:\\temp\\1\\');
      expect(replaced.whole[4]?.비고).toBeNull();
      expect(wholeAppend.at(-1)).toMatchObject({ done: true, rows: 20 });
      expect(chunkedAppend.at(-1)).toMatchObject({ done: true, rows: 20 });
      expect(chunkedAppend.length).toBe(chunked.length);
      expect(await selectAll(db, '조각')).toEqual(await selectAll(db, '한번'));
      expect(await selectAll(db, '조각')).toHaveLength(40);
      expect(await db.tables()).toEqual(['_csv_catalog_loads', '조각', '한번']);
    },
  );

  it('resumes at the last committed chunk after the loader’s session was killed in the middle of a chunk: committed chunks are not read again', async () => {
    // Prepare
    const key = await putFile(store, '학교/killed.csv', schoolCsv('\n', 16_000));
    await createTable('학교');
    const loader = await connection();
    const admin = await connection();
    const base = request({ table: '학교', key, chunkBytes: 250_000, lineBreak: '\n' });
    const first = await loadRows(base, { connection: loader, store });
    const second = await loadRows({ ...base, offset: first.offset }, { connection: loader, store });
    let sent = 0;
    let killedAt = 0;
    store.wrapRead = (body, index) => {
      if (index !== 2) return body;
      // Past what the pipes buffer (tens of KiB), bytes only flow while LOAD DATA reads them:
      // the session dies in the middle of the statement.
      async function* killMidway() {
        for await (const piece of body) {
          sent += (piece as Buffer).length;
          if (killedAt === 0 && sent > 150_000) {
            killedAt = sent;
            await admin.query(`KILL ${loader.threadId}`);
          }
          yield piece as Buffer;
        }
      }
      return Readable.from(killMidway(), { objectMode: false, highWaterMark: 1 });
    };

    // Act
    const killed = await loadRows(
      { ...base, offset: second.offset },
      { connection: loader, store },
    ).catch((e: unknown) => e);
    store.wrapRead = undefined;
    const readsBefore = store.reads.length;
    const redriven = await loadToEnd(
      { ...base, offset: first.offset },
      { connection: await connection(), store },
    );

    // Assess
    expect(killedAt).toBeGreaterThan(150_000);
    expect(killedAt).toBeLessThan(250_000);
    expect(killed).toBeInstanceOf(RdsUnavailable);
    expect(store.reads.slice(0, 3)).toEqual([0, first.offset, second.offset]);
    // The redrive passes an older offset; the record says where to go on.
    expect(store.reads[readsBefore]).toBe(second.offset);
    expect(redriven[0]).toMatchObject({ resumed: true, chunks: 3 });
    expect(redriven.at(-1)).toMatchObject({ done: true, rows: 16_000 });
    expect(redriven.at(-1)?.chunks).toBe(2 + redriven.length);
    const numbers = (await selectAll(db, '학교')).map((r) => r.번호);
    expect(numbers).toEqual(Array.from({ length: 16_000 }, (_, i) => i + 1));
    expect(await db.tables()).toEqual(['_csv_catalog_loads', '학교']);
  });

  it('does not double a chunk replayed after its commit (the same offset passed again), and counts on', async () => {
    // Prepare
    const key = await putFile(store, '학교/replay.csv', schoolCsv('\r\n', 10));
    await createTable('학교');
    const clients = { connection: db.connection, store };
    const base = request({ table: '학교', key, chunkBytes: 80, lineBreak: '\r\n', mode: 'append' });
    const first = await loadRows(base, clients);
    const second = await loadRows({ ...base, offset: first.offset }, clients);

    // Act
    const replayed = await loadRows({ ...base, offset: first.offset }, clients);
    const rest = await loadToEnd({ ...base, offset: replayed.offset }, clients);

    // Assess
    expect(second.chunks).toBe(2);
    expect(store.reads.slice(0, 3)).toEqual([0, first.offset, second.offset]);
    expect(replayed).toMatchObject({ resumed: true, chunks: 3, done: false });
    expect(replayed.offset).toBeGreaterThan(second.offset);
    expect(rest.at(-1)).toMatchObject({ done: true, rows: 10, chunks: 2 + 1 + rest.length });
    expect((await selectAll(db, '학교')).map((r) => r.번호)).toEqual(
      Array.from({ length: 10 }, (_, i) => i + 1),
    );
    const again = await loadRows({ ...base, offset: 0 }, clients);
    expect(again).toMatchObject({ done: true, alreadyLoaded: true, rows: 10 });
    expect(await selectAll(db, '학교')).toHaveLength(10);
  });

  it('fails a short row in chunk 4 naming its line; a redrive starts at chunk 4, not at byte 0', async () => {
    // Prepare
    const text = '번호,이름,주소,비고\n1,가,나,다\n2,가,나,다\n3,짧은\n4,가,나,다\n';
    const key = await putFile(store, '학교/short.csv', text);
    await createTable('학교');
    const clients = { connection: db.connection, store };
    const base = request({ table: '학교', key, chunkBytes: 1, lineBreak: '\n' });
    const results = [await loadRows(base, clients)];
    results.push(await loadRows({ ...base, offset: results[0]?.offset ?? 0 }, clients));
    results.push(await loadRows({ ...base, offset: results[1]?.offset ?? 0 }, clients));
    const committed = results[2]?.offset ?? 0;

    // Act
    const failed = await loadRows({ ...base, offset: committed }, clients).catch((e: unknown) => e);
    store.reads.length = 0;
    const redriven = await loadRows({ ...base, offset: 0 }, clients).catch((e: unknown) => e);

    // Assess
    expect(results.map((r) => r.chunks)).toEqual([1, 2, 3]);
    expect(failed).toBeInstanceOf(RdsLoadMismatch);
    expect((failed as Error).message).toMatch(/학교\/short\.csv.*1 rows of 2 fields \(lines 4\)/);
    expect(redriven).toBeInstanceOf(RdsLoadMismatch);
    expect(store.reads).toEqual([committed]); // chunk 4 only
    expect(await selectAll(db, '학교')).toEqual([]);
  });

  it('widens the staging table for a long value in chunk 3 of 5 and loads that chunk again', async () => {
    // Prepare
    const catalog = { columns: FIELDS.map((name) => ({ name, type: 'string' })) };
    await syncTableDdl(
      {
        database: db.database,
        table: '학교',
        columns: catalog.columns,
        sampleMaxLengths: { 주소: 20 },
      },
      { connection: db.connection },
    );
    const long = `${'가'.repeat(999)}끝`;
    const text = `번호,이름,주소,비고\n1,가,짧은,x\n2,나,${long},y\n3,다,짧은,z\n4,라,짧은,w\n`;
    const key = await putFile(store, '학교/wide.csv', text);

    // Act
    const results = await loadToEnd(request({ table: '학교', key, catalog, chunkBytes: 1 }), {
      connection: db.connection,
      store,
    });

    // Assess
    expect(results).toHaveLength(5);
    expect(results.map((r) => r.widened)).toEqual([[], [], ['주소'], [], []]);
    expect(results.at(-1)).toMatchObject({ done: true, rows: 4 });
    expect((await selectAll(db, '학교')).map((r) => r.주소)).toEqual([
      '짧은',
      long,
      '짧은',
      '짧은',
    ]);
    expect((await db.columns('학교')).find((c) => c.name === '주소')?.type).not.toBe(
      'varchar(255)',
    );
  });

  it('fails with RdsLoadSourceChanged when the object is replaced between chunks, drops the staging table and keeps the live one', async () => {
    // Prepare
    await createTable('학교');
    const old = await putFile(store, '학교/old.csv', '번호,이름,주소,비고\n0,옛,옛,옛\n');
    await loadRows(request({ table: '학교', key: old }), { connection: db.connection, store });
    const key = await putFile(store, '학교/changing.csv', schoolCsv('\n', 6));
    const eTag = (await store.head(key))?.eTag ?? '';
    const base = request({ table: '학교', key, snapshot: eTag, eTag, chunkBytes: 40 });
    const first = await loadRows(base, { connection: db.connection, store });
    const tablesWhileLoading = await db.tables();
    await putFile(store, key, schoolCsv('\n', 7));

    // Act
    const changed = await loadRows(
      { ...base, offset: first.offset },
      { connection: db.connection, store },
    ).catch((e: unknown) => e);
    const staleRead = await store.readStream(key, 0, { ifMatch: eTag }).catch((e: unknown) => e);

    // Assess
    expect(first.done).toBe(false);
    expect(tablesWhileLoading).toHaveLength(3);
    expect(changed).toBeInstanceOf(RdsLoadSourceChanged);
    expect((changed as Error).message).toMatch(/학교\/changing\.csv changed while it was loaded/);
    expect(
      (staleRead as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode,
    ).toBe(412);
    expect(await db.tables()).toEqual(['_csv_catalog_loads', '학교']);
    expect(await selectAll(db, '학교')).toEqual([{ 번호: 0, 이름: '옛', 주소: '옛', 비고: '옛' }]);
  });

  it('runs two replace loads of one table at once, each in its own staging table, without clobbering', async () => {
    // Prepare
    await createTable('학교');
    const a = await putFile(store, '학교/a.csv', schoolCsv('\n', 8));
    const b = await putFile(store, '학교/b.csv', schoolCsv('\r\n', 5));
    const one = { connection: await connection(), store };
    const two = { connection: await connection(), store };
    const loadA = request({ table: '학교', key: a, snapshot: 'a', chunkBytes: 50, maxShrink: 1 });
    const loadB = request({ table: '학교', key: b, snapshot: 'b', chunkBytes: 50, maxShrink: 1 });

    // Act
    let [ra, rb] = [await loadRows(loadA, one), await loadRows(loadB, two)];
    const tablesMeanwhile = await db.tables();
    while (!ra.done || !rb.done) {
      if (!ra.done) ra = await loadRows({ ...loadA, offset: ra.offset }, one);
      if (!rb.done) rb = await loadRows({ ...loadB, offset: rb.offset }, two);
    }
    const lastSwapped = ra.chunks > rb.chunks ? 8 : 5;

    // Assess
    expect(tablesMeanwhile).toHaveLength(4);
    expect(ra).toMatchObject({ done: true, rows: 8 });
    expect(rb).toMatchObject({ done: true, rows: 5 });
    expect(await selectAll(db, '학교')).toHaveLength(lastSwapped);
    expect(await db.tables()).toEqual(['_csv_catalog_loads', '학교']);
  });

  it('waits for the table’s load lock before the swap, gives up with RdsLockTimeout keeping the stage, and a redrive swaps', async () => {
    // Prepare
    await createTable('학교');
    const key = await putFile(store, '학교/locked.csv', schoolCsv('\n', 3));
    const holder = await connection();
    await holder.query('SELECT GET_LOCK(?, 0)', [loadLockName(db.database, '학교')]);
    const clients = { connection: db.connection, store };

    // Act
    const timedOut = await loadRows(
      request({ table: '학교', key, lockWaitSeconds: 1 }),
      clients,
    ).catch((e: unknown) => e);
    const liveDuring = await selectAll(db, '학교');
    await holder.query('SELECT RELEASE_LOCK(?)', [loadLockName(db.database, '학교')]);
    const redriven = await loadRows(request({ table: '학교', key }), clients);

    // Assess
    expect(timedOut).toBeInstanceOf(RdsLockTimeout);
    expect(liveDuring).toEqual([]);
    expect(redriven).toMatchObject({ done: true, resumed: true, rows: 3 });
    expect(await selectAll(db, '학교')).toHaveLength(3);
    expect(await db.tables()).toEqual(['_csv_catalog_loads', '학교']);
  });
});
