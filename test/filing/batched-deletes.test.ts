import { CreateBucketCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meterS3Requests, type S3RequestMeter } from '../../local/s3/s3-request-meter.js';
import { createS3Client } from '../../shared/aws/s3-client.js';
import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import { withBatchedDeletes } from '../../shared/filing/batched-deletes.js';
import { listKeys } from '../support/bucket-contents.js';
import { startTestS3, type TestS3 } from '../support/local-s3.js';

/**
 * Backfill's deletes (shared/filing/batched-deletes.ts): concurrent ones go together in
 * DeleteObjects, each still only in the version of its ETag and answered to its own caller.
 */
describe('deletes asked together go in DeleteObjects batches, each as it would alone', () => {
  let s3: TestS3;
  let client: S3Client;
  let meter: S3RequestMeter;
  let n = 0;
  beforeAll(async () => {
    s3 = await startTestS3([]);
    client = createS3Client({ endpoint: s3.endpoint });
    meter = meterS3Requests(client);
  });
  afterAll(async () => {
    client?.destroy();
    await s3?.stop();
  });

  const newBucket = async () => {
    const bucket = `batched-${++n}`;
    await s3.client.send(new CreateBucketCommand({ Bucket: bucket }));
    const put = (key: string, body: string) =>
      s3.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    return { bucket, put, store: new S3ObjectStore(client, bucket) };
  };

  it('deletes 40 sources in fewer requests than keys, each caller answered', async () => {
    // Prepare
    const { bucket, put, store } = await newBucket();
    const names = Array.from(
      { length: 40 },
      (_, i) => `학교목록_202501${String(i).padStart(2, '0')}.csv`,
    );
    const eTags = await Promise.all(names.map(async (name) => (await put(name, `${name}\n`)).ETag));
    meter.reset();

    // Act
    const batched = withBatchedDeletes(store);
    const results = await Promise.allSettled(
      names.map((name, i) => batched.delete(name, { ifMatch: eTags[i] })),
    );

    // Assess
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    expect(await listKeys(s3, bucket)).toEqual([]);
    const counts = meter.counts();
    expect(counts.DeleteObject ?? 0).toBe(0);
    expect(counts.DeleteObjects ?? 0).toBeGreaterThan(0);
    expect(counts.DeleteObjects ?? 0).toBeLessThan(names.length);
  });

  it('refuses the delete of a source re-uploaded since (412) and deletes the others of its batch', async () => {
    // Prepare
    const { bucket, put, store } = await newBucket();
    const first = await put('회원_20250901.csv', '학번\n1\n');
    const second = await put('회원_20250902.csv', '학번\n2\n');
    await put('회원_20250902.csv', '학번\n2\n3\n');
    const third = await put('회원_20250903.csv', '학번\n3\n');

    // Act
    const batched = withBatchedDeletes(store);
    const results = await Promise.allSettled([
      batched.delete('회원_20250901.csv', { ifMatch: first.ETag }),
      batched.delete('회원_20250902.csv', { ifMatch: second.ETag }),
      batched.delete('회원_20250903.csv', { ifMatch: third.ETag }),
      batched.delete('회원_20250904.csv', { ifMatch: third.ETag }),
    ]);

    // Assess: the re-upload stays; a key already gone is no error, as for one delete
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    const refusal = (results[1] as PromiseRejectedResult).reason as Error;
    expect(refusal.name).toBe('PreconditionFailed');
    expect(await listKeys(s3, bucket)).toEqual(['회원_20250902.csv']);
  });

  it('sends two deletes of one key in two batches, the second finding it gone', async () => {
    // Prepare
    const { bucket, put, store } = await newBucket();
    const uploaded = await put('학교목록_20250101.csv', 'a\n');
    meter.reset();

    // Act
    const batched = withBatchedDeletes(store);
    const results = await Promise.allSettled([
      batched.delete('학교목록_20250101.csv', { ifMatch: uploaded.ETag }),
      batched.delete('학교목록_20250101.csv', { ifMatch: uploaded.ETag }),
    ]);

    // Assess
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(meter.counts().DeleteObjects).toBe(2);
    expect(await listKeys(s3, bucket)).toEqual([]);
  });
});
