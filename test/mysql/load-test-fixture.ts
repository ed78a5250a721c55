import { Readable } from 'node:stream';
import type { RowDataPacket } from 'mysql2/promise';
import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import type { ObjectStore } from '../../shared/filing/object-store.js';
import {
  type LoadRowsRequest,
  type LoadRowsResult,
  loadRows,
} from '../../shared/mysql/load-rows.js';
import type { MysqlQueryable } from '../../shared/mysql/run-statement.js';
import { startTestS3, type TestS3 } from '../support/local-s3.js';
import { openTestDatabase, type TestDatabase } from './test-database.js';

export const BUCKET = 'filed';

/**
 * The real local S3 store, with every ranged read it serves written down (its start offset),
 * and a hook that sees each body as it streams (to kill the loader's MySQL session mid-load).
 * It adds nothing S3 does not do.
 */
export class ObservedStore implements ObjectStore {
  readonly reads: number[] = [];
  wrapRead: ((body: Readable, index: number) => Readable) | undefined;

  constructor(private readonly inner: S3ObjectStore) {}

  get bucket() {
    return this.inner.bucket;
  }
  head(key: string) {
    return this.inner.head(key);
  }
  readRange(key: string, start: number, end: number) {
    return this.inner.readRange(key, start, end);
  }
  async readStream(key: string, start = 0, options: { ifMatch?: string } = {}) {
    const index = this.reads.push(start) - 1;
    const body = await this.inner.readStream(key, start, options);
    return this.wrapRead ? this.wrapRead(body, index) : body;
  }
  copy(...args: Parameters<ObjectStore['copy']>) {
    return this.inner.copy(...args);
  }
  upload(...args: Parameters<ObjectStore['upload']>) {
    return this.inner.upload(...args);
  }
  delete(...args: Parameters<ObjectStore['delete']>) {
    return this.inner.delete(...args);
  }
  listFiles(prefix: string) {
    return this.inner.listFiles(prefix);
  }
  listPrefixes(prefix: string) {
    return this.inner.listPrefixes(prefix);
  }
}

/** One local S3 for the file; a fresh MariaDB database per test. */
export interface LoadFixture {
  s3: TestS3;
  store: ObservedStore;
  db: TestDatabase;
}

export async function startLoadS3() {
  const s3 = await startTestS3([BUCKET]);
  return { s3, store: new ObservedStore(new S3ObjectStore(s3.client, BUCKET)) };
}

export async function openLoadDatabase(): Promise<TestDatabase> {
  const db = await openTestDatabase();
  await db.connection.query(`CREATE DATABASE \`${db.database}\` CHARACTER SET utf8mb4`);
  return db;
}

export async function putFile(store: ObjectStore, key: string, text: string): Promise<string> {
  await store.upload(key, Readable.from([Buffer.from(text, 'utf8')]), { metadata: {} });
  return key;
}

export async function selectAll(
  db: TestDatabase,
  table: string,
  orderBy?: string,
): Promise<RowDataPacket[]> {
  const [rows] = await db.connection.query<RowDataPacket[]>(
    `SELECT * FROM \`${db.database}\`.\`${table}\`${orderBy ? ` ORDER BY \`${orderBy}\`` : ''}`,
  );
  return rows;
}

/** Calls loadRows as the workflow's loop does, from each result's offset until done. */
export async function loadToEnd(
  request: LoadRowsRequest,
  clients: { connection: MysqlQueryable; store: ObjectStore },
): Promise<LoadRowsResult[]> {
  const results: LoadRowsResult[] = [];
  let offset = request.offset ?? 0;
  for (let call = 0; call < 10_000; call++) {
    const result = await loadRows({ ...request, offset }, clients);
    results.push(result);
    if (result.done) return results;
    offset = result.offset;
  }
  throw new Error('the load never finished');
}
