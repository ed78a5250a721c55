import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import { RdsLoadMismatch, RdsLoadRejected, RdsLoadShrinks } from '../../shared/errors.js';
import { type LoadRowsRequest, loadRows } from '../../shared/mysql/load-rows.js';
import { type MysqlConnection, openMysql } from '../../shared/mysql/open-mysql.js';
import { syncTableDdl } from '../../shared/mysql/sync-table-ddl.js';
import { startTestS3, type TestS3 } from '../support/local-s3.js';
import { openTestDatabase, type TestDatabase, testMysqlSettings } from './test-database.js';

const BUCKET = 'filed';

describe('loadRows into MariaDB from the local S3', () => {
  let s3: TestS3;
  let store: S3ObjectStore;
  let db: TestDatabase;
  let reader: MysqlConnection | undefined;

  beforeAll(async () => {
    s3 = await startTestS3([BUCKET]);
    store = new S3ObjectStore(s3.client, BUCKET);
  });
  afterAll(async () => {
    await s3?.stop();
  });
  beforeEach(async () => {
    db = await openTestDatabase();
    await db.connection.query(`CREATE DATABASE \`${db.database}\` CHARACTER SET utf8mb4`);
  });
  afterEach(async () => {
    await reader?.end();
    reader = undefined;
    await db?.drop();
  });

  async function file(key: string, text: string): Promise<string> {
    const { Readable } = await import('node:stream');
    await store.upload(key, Readable.from([Buffer.from(text, 'utf8')]), { metadata: {} });
    return key;
  }
  async function createTable(table: string, columns: string) {
    await db.connection.query(
      `CREATE TABLE \`${db.database}\`.\`${table}\` (${columns}) DEFAULT CHARSET = utf8mb4`,
    );
  }
  async function rows(table: string): Promise<RowDataPacket[]> {
    const [result] = await db.connection.query<RowDataPacket[]>(
      `SELECT * FROM \`${db.database}\`.\`${table}\``,
    );
    return result;
  }
  const load = (request: Partial<LoadRowsRequest> & Pick<LoadRowsRequest, 'table' | 'key'>) =>
    loadRows(
      {
        database: db.database,
        snapshot: 's1',
        delimiter: ',',
        quote: '"',
        mode: 'replace',
        emptyAs: 'null',
        maxShrink: 0.5,
        fields: ['이름', '주소', '비고'],
        ...request,
      },
      { connection: db.connection, store },
    );
  const 학교 = '`이름` VARCHAR(255), `주소` VARCHAR(255), `비고` VARCHAR(255)';

  it('keeps Korean text, quoted line breaks, doubled quotes and backslashes byte for byte; empty fields NULL', async () => {
    // Prepare
    const key = await file(
      '학교/학교.csv',
      '이름,주소,비고\n서울고,"서울시\n서초구","그는 ""안녕"" 했다"\n부산고,C:\\temp\\x,\n',
    );
    await createTable('학교', 학교);

    // Act
    const result = await load({ table: '학교', key });

    // Assess
    expect(result).toMatchObject({ rows: 2, alreadyLoaded: false });
    expect(await rows('학교')).toEqual([
      { 이름: '서울고', 주소: '서울시\n서초구', 비고: '그는 "안녕" 했다' },
      { 이름: '부산고', 주소: 'C:\\temp\\x', 비고: null },
    ]);
  });

  it("loads empty fields as '' with emptyAs empty, and CRLF files without a stray \\r", async () => {
    // Prepare
    const key = await file('학교/crlf.csv', '이름,주소,비고\r\n서울고,"a\r\nb",\r\n부산고,,끝\r\n');
    await createTable('학교', 학교);

    // Act
    await load({ table: '학교', key, emptyAs: 'empty' });

    // Assess
    expect(await rows('학교')).toEqual([
      { 이름: '서울고', 주소: 'a\r\nb', 비고: '' },
      { 이름: '부산고', 주소: '', 비고: '끝' },
    ]);
  });

  it('refuses a 5,000-character value past the first 64 KiB in strict mode, naming the file, and leaves the table as it was', async () => {
    // Prepare
    await createTable('학교', 학교);
    await load({ table: '학교', key: await file('학교/old.csv', '이름,주소,비고\n옛,옛,옛\n') });
    const filler = '가나다,라마바,사아자\n'.repeat(5000);
    const key = await file('학교/long.csv', `이름,주소,비고\n${filler}긴,${'가'.repeat(5000)},x\n`);

    // Act
    const error = await load({ table: '학교', key, snapshot: 's2' }).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(RdsLoadMismatch);
    expect((error as Error).message).toMatch(
      /학교\/long\.csv.*Data truncated for column '주소' at row 5001/,
    );
    expect(await rows('학교')).toEqual([{ 이름: '옛', 주소: '옛', 비고: '옛' }]);
  });

  it('widens a column too narrow for a 5,000-character value past the first 64 KiB before the rows are visible (replace and append)', async () => {
    // Prepare
    const catalog = { columns: ['이름', '주소', '비고'].map((name) => ({ name, type: 'string' })) };
    await syncTableDdl(
      {
        database: db.database,
        table: '학교',
        columns: catalog.columns,
        sampleMaxLengths: { 주소: 20 },
      },
      { connection: db.connection },
    );
    const before = await db.columns('학교');
    const filler = '가나다,라마바,사아자\n'.repeat(5000);
    const long = `${'가'.repeat(4999)}끝`;
    const key = await file('학교/long.csv', `이름,주소,비고\n${filler}긴,${long},x\n`);

    // Act
    const replaced = await load({ table: '학교', key, catalog });
    const appended = await load({ table: '학교', key, catalog, mode: 'append' });

    // Assess
    expect(replaced).toMatchObject({ rows: 5001, widened: ['주소'] });
    expect(appended).toMatchObject({ rows: 5001, widened: [] });
    const [found] = await db.connection.query<RowDataPacket[]>(
      `SELECT 주소 FROM \`${db.database}\`.\`학교\` WHERE 이름 = '긴'`,
    );
    expect(found.map((r) => r.주소)).toEqual([long, long]);
    expect(before.find((c) => c.name === '주소')?.type).toBe('varchar(255)');
    expect((await db.columns('학교')).find((c) => c.name === '주소')?.type).toBe('text');
  });

  it('widens the live table inside an append and loads it once', async () => {
    // Prepare
    const catalog = { columns: ['이름', '주소', '비고'].map((name) => ({ name, type: 'string' })) };
    await syncTableDdl(
      {
        database: db.database,
        table: '학교',
        columns: catalog.columns,
        sampleMaxLengths: { 주소: 20 },
      },
      { connection: db.connection },
    );
    const long = 'ㄱ'.repeat(5000);
    const key = await file('학교/append-long.csv', `이름,주소,비고\n짧은,a,b\n긴,${long},x\n`);

    // Act
    const result = await load({ table: '학교', key, catalog, mode: 'append' });

    // Assess
    expect(result).toMatchObject({ rows: 2, widened: ['주소'] });
    expect((await rows('학교')).map((r) => r.주소)).toEqual(['a', long]);
  });

  it('fails a short row and leaves the live table intact (replace and append)', async () => {
    // Prepare
    await createTable('학교', 학교);
    await load({ table: '학교', key: await file('학교/old.csv', '이름,주소,비고\n옛,옛,옛\n') });
    const key = await file('학교/bad.csv', '이름,주소,비고\n새,새,새\n짧은\n');

    // Act
    const replaced = await load({ table: '학교', key, snapshot: 's2' }).catch((e: unknown) => e);
    const appended = await load({ table: '학교', key, snapshot: 's2', mode: 'append' }).catch(
      (e: unknown) => e,
    );

    // Assess
    expect(replaced).toBeInstanceOf(RdsLoadMismatch);
    expect((replaced as Error).message).toMatch(/학교\/bad\.csv.*1 rows of 1 fields \(lines 3\)/);
    expect(appended).toBeInstanceOf(RdsLoadMismatch);
    expect(await db.tables()).toEqual(['_csv_catalog_loads', '학교']);
    expect(await rows('학교')).toEqual([{ 이름: '옛', 주소: '옛', 비고: '옛' }]);
  });

  it('refuses a table SyncRdsDdl has not created', async () => {
    // Prepare
    const key = await file('학교/학교.csv', '이름\n서울고\n');

    // Act
    const error = await load({ table: '없는_표', key }).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(RdsLoadRejected);
    expect((error as Error).message).toContain('없는_표 does not exist');
  });

  it('appends twice with different keys as two copies, and the same key only once', async () => {
    // Prepare
    await createTable('학교', 학교);
    const text = '이름,주소,비고\n서울고,서울,\n';
    const first = await file('학교/1.csv', text);
    const second = await file('학교/2.csv', text);

    // Act
    await load({ table: '학교', key: first, mode: 'append' });
    const replay = await load({ table: '학교', key: first, mode: 'append' });
    await load({ table: '학교', key: second, mode: 'append' });

    // Assess
    expect(replay).toMatchObject({ alreadyLoaded: true, rows: 1 });
    expect(await rows('학교')).toHaveLength(2);
  });

  it('replaces again from byte 0 (a sync of the same file), restoring rows changed by hand; a retried later chunk redoes nothing', async () => {
    // Prepare: the file loaded, then the table changed by hand
    await createTable('학교', 학교);
    const key = await file('학교/same.csv', '이름,주소,비고\n서울고,서울,\n부산고,부산,\n');
    const loaded = await load({ table: '학교', key });
    await db.connection.query(`DELETE FROM \`${db.database}\`.\`학교\` WHERE 이름 = '부산고'`);

    // Act
    const again = await load({ table: '학교', key });
    const retried = await load({ table: '학교', key, offset: loaded.offset });

    // Assess
    expect(again).toMatchObject({ done: true, alreadyLoaded: false, rows: 2 });
    expect((await rows('학교')).map((r) => r.이름).sort()).toEqual(['부산고', '서울고']);
    expect(retried).toMatchObject({ done: true, alreadyLoaded: true, rows: 2 });
    expect(await db.tables()).toEqual(['_csv_catalog_loads', '학교']);
  });

  it('stops at the shrink guard, keeps the live table, and finishes from the staging table after the limit is raised', async () => {
    // Prepare
    await createTable('학교', 학교);
    const many = `이름,주소,비고\n${'a,b,c\n'.repeat(10)}`;
    await load({ table: '학교', key: await file('학교/many.csv', many) });
    const few = await file('학교/few.csv', '이름,주소,비고\n하나,둘,셋\n');

    // Act
    const stopped = await load({ table: '학교', key: few, snapshot: 's2' }).catch(
      (e: unknown) => e,
    );
    const liveAfterStop = (await rows('학교')).length;
    const finished = await load({ table: '학교', key: few, snapshot: 's2', maxShrink: 0.95 });

    // Assess
    expect(stopped).toBeInstanceOf(RdsLoadShrinks);
    expect((stopped as Error).message).toMatch(/10 rows to 1.*rds\.maxShrink/);
    expect(liveAfterStop).toBe(10);
    expect(finished).toMatchObject({ rows: 1, resumed: true });
    expect(await rows('학교')).toEqual([{ 이름: '하나', 주소: '둘', 비고: '셋' }]);
    expect(await db.tables()).toEqual(['_csv_catalog_loads', '학교']);
  });

  it('swaps while a reader holds the old table: the reader keeps its view, the new rows are visible after', async () => {
    // Prepare
    await createTable('학교', 학교);
    await load({ table: '학교', key: await file('학교/old.csv', '이름,주소,비고\n옛,옛,옛\n') });
    const key = await file('학교/new.csv', '이름,주소,비고\n새,새,새\n새2,새2,새2\n');
    reader = await openMysql(testMysqlSettings());
    const select = `SELECT 이름 FROM \`${db.database}\`.\`학교\` ORDER BY 이름`;
    await reader.query('START TRANSACTION WITH CONSISTENT SNAPSHOT');
    await reader.query(select);

    // Act
    let settled = false;
    const loading = load({ table: '학교', key, snapshot: 's2', lockWaitSeconds: 10 }).finally(
      () => {
        settled = true;
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const waitedForReader = !settled;
    const [during] = await reader.query<RowDataPacket[]>(select);
    await reader.query('COMMIT');
    const result = await loading;
    const [after] = await reader.query<RowDataPacket[]>(select);

    // Assess
    expect(waitedForReader).toBe(true);
    expect(during.map((r) => r.이름)).toEqual(['옛']);
    expect(result).toMatchObject({ rows: 2 });
    expect(after.map((r) => r.이름)).toEqual(['새', '새2']);
  });
});
