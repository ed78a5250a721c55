import { DeleteBucketCorsCommand, PutBucketCorsCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestS3, type TestS3 } from '../support/local-s3.js';

const BUCKET = '학사-cors';
const ORIGIN = 'http://127.0.0.1:8080';

/** A CORS preflight for a GET of one key: the status the server answers it with. */
async function preflight(s3: TestS3): Promise<number> {
  const response = await fetch(`${s3.endpoint}/${BUCKET}/학생명부_202511300000.csv`, {
    method: 'OPTIONS',
    headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'GET' },
  });
  await response.arrayBuffer();
  return response.status;
}

/**
 * The local S3 keeps a bucket's CORS and website configurations in memory
 * (local/s3/bucket-config-cache.ts) instead of reading their files on every request: a change
 * made through the API must still show on the next request, as on S3.
 */
describe('the local S3 answers with the bucket configuration last put or deleted', () => {
  let s3: TestS3;
  beforeAll(async () => {
    s3 = await startTestS3([BUCKET]);
  });
  afterAll(async () => s3?.stop());

  it('refuses a preflight, allows it once CORS is put, and refuses it again once deleted', async () => {
    // Prepare
    const before = await preflight(s3);

    // Act
    await s3.client.send(
      new PutBucketCorsCommand({
        Bucket: BUCKET,
        CORSConfiguration: { CORSRules: [{ AllowedMethods: ['GET'], AllowedOrigins: [ORIGIN] }] },
      }),
    );
    const allowed = await preflight(s3);
    await s3.client.send(new DeleteBucketCorsCommand({ Bucket: BUCKET }));
    const after = await preflight(s3);

    // Assess
    expect(before).toBe(403);
    expect(allowed).toBe(200);
    expect(after).toBe(403);
  });
});
