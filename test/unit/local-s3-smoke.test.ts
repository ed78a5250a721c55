import { DeleteObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import { startTestS3, type TestS3 } from '../support/local-s3.js';

describe('startLocalS3', () => {
  let s3: TestS3;
  beforeAll(async () => {
    s3 = await startTestS3(['smoke']);
  });
  afterAll(async () => s3?.stop());

  it('answers conditional deletes and copies as S3 does', async () => {
    // Prepare
    await s3.client.send(new PutObjectCommand({ Bucket: 'smoke', Key: 'c.csv', Body: 'v1' }));
    const store = new S3ObjectStore(s3.client, 'smoke');
    const etag = (await store.head('c.csv'))?.eTag;

    // Act & Assess: each request awaited where it is made, so no rejection goes unhandled
    await expect(
      s3.client.send(new DeleteObjectCommand({ Bucket: 'smoke', Key: 'c.csv', IfMatch: '"0"' })),
    ).rejects.toMatchObject({ name: 'PreconditionFailed' });
    await expect(
      store.copy('c.csv', 'd.csv', { size: 2, metadata: {}, sourceIfMatch: '"0"' }),
    ).rejects.toMatchObject({ name: 'PreconditionFailed' });
    await expect(
      s3.client.send(new DeleteObjectCommand({ Bucket: 'smoke', Key: 'gone.csv', IfMatch: '"0"' })),
    ).rejects.toMatchObject({ name: 'NoSuchKey' });
    await expect(store.delete('gone.csv', { ifMatch: '"0"' })).resolves.toBeUndefined();
    await store.delete('c.csv', { ifMatch: etag });
    expect(await store.head('c.csv')).toBeUndefined();
  });

  it('emits object-created events with S3-encoded keys', async () => {
    // Act
    await s3.client.send(
      new PutObjectCommand({ Bucket: 'smoke', Key: 'a b/학교 1.csv', Body: 'x' }),
    );
    const listed = await s3.client.send(new ListObjectsV2Command({ Bucket: 'smoke' }));

    // Assess
    expect(listed.Contents?.map((c) => c.Key)).toEqual(['a b/학교 1.csv']);
    expect(s3.events.at(-1)?.Records[0]?.s3.object.key).toBe(
      `a+b/${encodeURIComponent('학교')}+1.csv`,
    );
  });
});
