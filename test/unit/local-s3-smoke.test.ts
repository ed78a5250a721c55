import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestS3, type TestS3 } from '../support/local-s3.js';

describe('startLocalS3', () => {
  let s3: TestS3;
  beforeAll(async () => {
    s3 = await startTestS3(['smoke']);
  });
  afterAll(async () => s3?.stop());

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
