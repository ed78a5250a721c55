import type { Readable } from 'node:stream';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meterS3BytesRead } from '../../local/s3/s3-bytes-read-meter.js';
import { createS3Client } from '../../shared/aws/s3-client.js';
import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import { startTestS3, type TestS3 } from '../support/local-s3.js';

const BUCKET = 'bytes-read';
const KEY = '학생명부_202511300000.csv';
/** 26 bytes a row (Korean is 3 bytes a syllable in UTF-8), 40,000 rows: about 1 MB. */
const CSV = `학번,이름\n${Array.from({ length: 40_000 }, (_, i) => `${100_000 + i},김민준이서연\n`).join('')}`;
const SIZE = Buffer.byteLength(CSV);

describe('meterS3BytesRead: response body bytes the client read', () => {
  let s3: TestS3;
  beforeAll(async () => {
    s3 = await startTestS3([BUCKET]);
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: KEY, Body: CSV }));
  });
  afterAll(async () => s3?.stop());

  it('counts a ranged GET as its range and a whole GET as the object', async () => {
    // Prepare
    const client = createS3Client({ endpoint: s3.endpoint });
    const meter = meterS3BytesRead(client);
    const store = new S3ObjectStore(client, BUCKET);

    // Act
    const range = await store.readRange(KEY, 0, 999);
    const afterRange = meter.objectBytes();
    const whole = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: KEY }));
    const text = await whole.Body?.transformToString();
    client.destroy();

    // Assess
    expect(range.length).toBe(1000);
    expect(afterRange).toBe(1000);
    expect(text).toBe(CSV);
    expect(meter.objectBytes()).toBe(1000 + SIZE);
  });

  it('counts only what a reader took of a stream it stopped early', async () => {
    // Prepare
    const client = createS3Client({ endpoint: s3.endpoint });
    const meter = meterS3BytesRead(client);

    // Act
    const response = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: KEY }));
    const body = response.Body as Readable;
    let taken = 0;
    for await (const chunk of body) {
      taken += (chunk as Buffer).length;
      if (taken >= 64 * 1024) break;
    }
    client.destroy();

    // Assess: what was read, plus at most the pass-through's two buffers, not the 1 MB.
    expect(meter.objectBytes()).toBeGreaterThanOrEqual(taken);
    expect(meter.objectBytes()).toBeLessThan(SIZE / 2);
  });

  it('counts other operations under their own names, and reset starts again', async () => {
    // Prepare
    const client = createS3Client({ endpoint: s3.endpoint });
    const meter = meterS3BytesRead(client);

    // Act
    await client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    const listed = meter.bytes();
    meter.reset();
    client.destroy();

    // Assess
    expect(listed.ListObjectsV2).toBeGreaterThan(0);
    expect(listed.GetObject).toBeUndefined();
    expect(meter.bytes()).toEqual({});
  });
});
