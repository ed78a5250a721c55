import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LoadRowsRequest, loadRows } from '../../shared/mysql/load-rows.js';
import type { TestS3 } from '../support/local-s3.js';
import {
  loadToEnd,
  type ObservedStore,
  openLoadDatabase,
  putFile,
  selectAll,
  startLoadS3,
} from './load-test-fixture.js';
import { onePassScan, piecesOf } from './one-pass-scan.js';
import type { TestDatabase } from './test-database.js';

/** Feeds text through a LoadScanner in pieces of `step` bytes; the kept text and where it cut. */
function filtered(text: string, step: number, limit?: number) {
  const { kept, consumed } = onePassScan(piecesOf(text, step), {
    delimiter: ',',
    quote: '"',
    limit,
  });
  return { kept: kept.toString('utf8'), consumed };
}

describe('LoadScanner: chunk ends and blank lines', () => {
  it('ends a chunk at the first record end past the limit, never inside quotes or inside a CRLF', () => {
    // Prepare
    const text = '가,"나\r\n다"\r\n라,마\r\n';

    // Act
    const cuts = [1, 8, 16].map((limit) => filtered(text, 1, limit).consumed);
    const inPieces = filtered(text, 5, 1).consumed;

    // Assess
    // 가,"나\r\n다"\r\n is 16 bytes: the CRLF inside the quotes ends nothing.
    expect(cuts).toEqual([16, 16, 16]);
    expect(inPieces).toBe(16);
    expect(filtered(text, 3, 17).consumed).toBe(Buffer.byteLength(text));
  });

  it('leaves out blank lines (LF and CRLF, leading, in the middle, trailing) but not line breaks inside quotes', () => {
    // Prepare
    const lf = '\na,b\n\n"x\n\ny",z\n\n';
    const crlf = '\r\na,b\r\n\r\n"x\r\n\r\ny",z\r\n\r\n';

    // Act
    const keptLf = [1, 2, 64].map((step) => filtered(lf, step).kept);
    const keptCrlf = [1, 2, 64].map((step) => filtered(crlf, step).kept);

    // Assess
    expect(new Set(keptLf)).toEqual(new Set(['a,b\n"x\n\ny",z\n']));
    expect(new Set(keptCrlf)).toEqual(new Set(['a,b\r\n"x\r\n\r\ny",z\r\n']));
  });
});

describe('loadRows and blank lines', () => {
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
    await db.connection.query(
      `CREATE TABLE \`${db.database}\`.\`학교\` (\`이름\` VARCHAR(255), \`주소\` VARCHAR(255)) DEFAULT CHARSET = utf8mb4`,
    );
  });
  afterEach(async () => {
    await db?.drop();
  });

  const request = (key: string, extra: Partial<LoadRowsRequest> = {}): LoadRowsRequest => ({
    database: db.database,
    table: '학교',
    key,
    snapshot: 's1',
    delimiter: ',',
    quote: '"',
    mode: 'replace',
    emptyAs: 'null',
    maxShrink: 0.5,
    fields: ['이름', '주소'],
    ...extra,
  });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ] as const)(
    'loads a file ending in a blank line (%s) without a row of NULLs',
    async (_, lineBreak) => {
      // Prepare
      const key = await putFile(
        store,
        `학교/끝빈줄_${_}.csv`,
        ['이름,주소', '서울고,서울', '부산고,부산', '', ''].join(lineBreak),
      );

      // Act
      const result = await loadRows(request(key), { connection: db.connection, store });

      // Assess
      expect(result).toMatchObject({ done: true, rows: 2 });
      expect(await selectAll(db, '학교')).toEqual([
        { 이름: '서울고', 주소: '서울' },
        { 이름: '부산고', 주소: '부산' },
      ]);
    },
  );

  it.each([
    ['LF', undefined, '\n'],
    ['CRLF', undefined, '\r\n'],
    ['LF', 5, '\n'],
    ['CRLF', 5, '\r\n'],
  ] as const)(
    'skips blank lines in the middle (%s, chunkBytes %s) as every CSV reader of the project does, keeping quoted blank lines',
    async (name, chunkBytes, lineBreak) => {
      // Prepare
      const text = [
        '',
        '이름,주소',
        '',
        '서울고,"서울',
        '',
        '서초구"',
        '',
        '',
        '부산고,부산',
        '',
      ].join(lineBreak);
      const key = await putFile(store, `학교/가운데빈줄_${name}_${chunkBytes}.csv`, text);

      // Act
      const results = await loadToEnd(request(key, chunkBytes ? { chunkBytes } : {}), {
        connection: db.connection,
        store,
      });

      // Assess
      expect(results.at(-1)).toMatchObject({ done: true, rows: 2 });
      expect(await selectAll(db, '학교')).toEqual([
        { 이름: '서울고', 주소: `서울${lineBreak}${lineBreak}서초구` },
        { 이름: '부산고', 주소: '부산' },
      ]);
    },
  );
});
