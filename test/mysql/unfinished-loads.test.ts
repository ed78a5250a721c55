import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LoadRowsRequest, loadRows } from '../../shared/mysql/load-rows.js';
import { unfinishedLoads } from '../../shared/mysql/unfinished-loads.js';
import type { TestS3 } from '../support/local-s3.js';
import {
  loadToEnd,
  type ObservedStore,
  openLoadDatabase,
  putFile,
  startLoadS3,
} from './load-test-fixture.js';
import type { TestDatabase } from './test-database.js';

const FIELDS = ['학번', '이름', '비고'];

function studentsCsv(records: number): string {
  const lines = [FIELDS.join(',')];
  for (let i = 1; i <= records; i++) lines.push(`${i},학생${i},"줄\n바꿈 ${i}"`);
  return `${lines.join('\n')}\n`;
}

describe('unfinishedLoads: loads begun and not finished, and where their rows wait', () => {
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

  function request(key: string): LoadRowsRequest {
    return {
      database: db.database,
      table: '학생명부',
      key,
      snapshot: '202511301200',
      delimiter: ',',
      quote: '"',
      mode: 'replace',
      emptyAs: 'null',
      maxShrink: 0.5,
      fields: FIELDS,
      chunkBytes: 64,
    };
  }

  it('names none where nothing was ever loaded (no loads table yet)', async () => {
    // Act
    const loads = await unfinishedLoads(db.connection, db.database, '학생명부');

    // Assess
    expect(loads).toEqual([]);
  });

  it('names a load stopped after its first chunk with its staging table, and none once it finished', async () => {
    // Prepare
    await db.connection.query(
      `CREATE TABLE \`${db.database}\`.\`학생명부\` (\`학번\` VARCHAR(255), \`이름\` VARCHAR(255), \`비고\` VARCHAR(255)) DEFAULT CHARSET = utf8mb4`,
    );
    const key = await putFile(store, '학생명부/학생명부_202511301200.csv', studentsCsv(12));
    const clients = { connection: db.connection, store };
    const first = await loadRows(request(key), clients);

    // Act
    const stopped = await unfinishedLoads(db.connection, db.database, '학생명부');
    const [staged] = await db.connection.query(
      `SELECT COUNT(*) AS n FROM \`${db.database}\`.\`${stopped[0]?.stagingTable}\``,
    );
    await loadToEnd({ ...request(key), offset: first.offset }, clients);
    const finished = await unfinishedLoads(db.connection, db.database, '학생명부');

    // Assess
    expect(first.done).toBe(false);
    expect(stopped).toEqual([
      {
        key,
        mode: 'replace',
        state: 'loading',
        rows: first.rows,
        chunks: 1,
        at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        stagingTable: expect.stringMatching(/^학생명부__load_[0-9a-f]{8}$/),
        stagingExists: true,
      },
    ]);
    expect(Number((staged as { n: number }[])[0]?.n)).toBe(first.rows);
    expect(finished).toEqual([]);
  });
});
