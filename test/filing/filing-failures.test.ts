import { Readable } from 'node:stream';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import { defaultConfig } from '../../shared/config/load-config.js';
import { fileCsvObject } from '../../shared/filing/file-csv-object.js';
import type { ObjectStore } from '../../shared/filing/object-store.js';
import { listKeys, readObject } from '../support/bucket-contents.js';
import { startTestS3, type TestS3 } from '../support/local-s3.js';

/** A real bucket whose chosen operations fail the way networks and servers do. */
function faultyStore(store: ObjectStore, faults: Partial<ObjectStore>): ObjectStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const fault = faults[property as keyof ObjectStore];
      return fault ?? Reflect.get(target, property, receiver);
    },
  });
}

/** A stream that delivers the first `bytes` of the real one, then breaks. */
async function breakingAfter(stream: Readable, bytes: number): Promise<Readable> {
  let sent = 0;
  return Readable.from(
    (async function* () {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (sent + chunk.length > bytes) throw new Error('connection reset by peer');
        sent += chunk.length;
        yield chunk;
      }
    })(),
  );
}

/** A stream that delivers the first `bytes` of the real one, then ends as if that were all. */
async function endingAfter(stream: Readable, bytes: number): Promise<Readable> {
  let sent = 0;
  return Readable.from(
    (async function* () {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (sent + chunk.length > bytes) return;
        sent += chunk.length;
        yield chunk;
      }
    })(),
  );
}

describe('filing when something fails midway', () => {
  let s3: TestS3;
  let store: S3ObjectStore;
  let n = 0;
  const key = 'MEMBER_20250829.csv';
  const config = defaultConfig();

  beforeAll(async () => {
    s3 = await startTestS3([]);
  });
  afterAll(async () => s3?.stop());
  beforeEach(async () => {
    const bucket = `faults-${++n}`;
    await s3.client.send(new CreateBucketCommand({ Bucket: bucket }));
    store = new S3ObjectStore(s3.client, bucket);
  });

  it('keeps the source when the transcoding read breaks in the middle', async () => {
    // Prepare: a CP949 file of about 1 MB, cut after 300 KB
    const rows = Array.from({ length: 20_000 }, (_, i) => `${i},김민준${i},서울`).join('\n');
    const original = iconv.encode(`no,이름,지역\n${rows}\n`, 'cp949');
    await store.upload(key, Readable.from([original]), { metadata: {} });
    const faulty = faultyStore(store, {
      readStream: async (k: string, start?: number) =>
        breakingAfter(await store.readStream(k, start), 300_000),
    });

    // Act
    const outcome = await fileCsvObject({ key }, { store: faulty, config });

    // Assess
    expect(outcome).toMatchObject({ status: 'failed', error: 'FilingError' });
    expect(outcome.status === 'failed' && outcome.reason).toMatch(
      /^MEMBER_20250829\.csv: transcode failed: connection reset by peer/,
    );
    const keys = await listKeys(s3, store.bucket);
    expect(keys).toContain(key);
    expect(keys).not.toContain('member/MEMBER_20250829.csv');
    expect(await readObject(s3, store.bucket, key)).toEqual(original);
  });

  it('keeps the source when the transcoding read ends early without an error', async () => {
    // Prepare
    const rows = Array.from({ length: 20_000 }, (_, i) => `${i},김민준${i},서울`).join('\n');
    const original = iconv.encode(`no,이름,지역\n${rows}\n`, 'cp949');
    await store.upload(key, Readable.from([original]), { metadata: {} });
    const faulty = faultyStore(store, {
      readStream: async (k: string, start?: number, options?: { ifMatch?: string }) =>
        endingAfter(await store.readStream(k, start, options), 300_000),
    });

    // Act
    const outcome = await fileCsvObject({ key }, { store: faulty, config });

    // Assess
    expect(outcome).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(
        /^MEMBER_20250829\.csv: verify failed: read \d+ of its \d+ bytes; the source is kept/,
      ),
    });
    expect(await readObject(s3, store.bucket, key)).toEqual(original);
  });

  it('keeps the source when the server-side copy fails, and files it on the retry', async () => {
    // Prepare
    await store.upload(key, Readable.from([Buffer.from('id,name\n1,a\n')]), { metadata: {} });
    const faulty = faultyStore(store, {
      copy: async () => {
        throw new Error('InternalError: We encountered an internal error. Please try again.');
      },
    });

    // Act
    const failed = await fileCsvObject({ key }, { store: faulty, config });
    const retried = await fileCsvObject({ key }, { store, config });

    // Assess
    expect(failed).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/^MEMBER_20250829\.csv: copy failed: /),
    });
    expect(retried).toMatchObject({ status: 'filed', key: 'member/MEMBER_20250829.csv' });
    expect(await listKeys(s3, store.bucket)).toEqual(['member/MEMBER_20250829.csv']);
  });

  it('keeps the source when the copy does not verify', async () => {
    // Prepare: the copy lands short (as a truncated write would): S3 answers the ETag of
    // other bytes, and a HEAD shows it a byte short
    await store.upload(key, Readable.from([Buffer.from('id,name\n1,a\n')]), { metadata: {} });
    const faulty = faultyStore(store, {
      copy: async (...args: Parameters<ObjectStore['copy']>) => {
        await store.copy(...args);
        return { eTag: '"d41d8cd98f00b204e9800998ecf8427e"' };
      },
      head: async (k: string) => {
        const found = await store.head(k);
        return k === key || !found ? found : { ...found, size: found.size - 1 };
      },
    });

    // Act
    const outcome = await fileCsvObject({ key }, { store: faulty, config });

    // Assess
    expect(outcome).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(
        /^MEMBER_20250829\.csv: verify failed: .*expected 12; the source is kept/,
      ),
    });
    expect(await listKeys(s3, store.bucket)).toContain(key);
  });

  it('keeps the source when the delete fails, and completes on the retry', async () => {
    // Prepare
    await store.upload(key, Readable.from([Buffer.from('id,name\n1,a\n')]), { metadata: {} });
    const faulty = faultyStore(store, {
      delete: async () => {
        throw new Error('SlowDown');
      },
    });

    // Act
    const failed = await fileCsvObject({ key }, { store: faulty, config });
    const retried = await fileCsvObject({ key }, { store, config });

    // Assess
    expect(failed).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/delete-source failed: SlowDown/),
    });
    expect(retried).toMatchObject({ status: 'filed' });
    expect(await listKeys(s3, store.bucket)).toEqual(['member/MEMBER_20250829.csv']);
  });
});
