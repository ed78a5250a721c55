import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';

/** Uploads a local file to the bucket root, as a user's S3 client would (multipart when large). */
export async function uploadToBucketRoot(
  s3: S3Client,
  bucket: string,
  path: string,
): Promise<string> {
  const key = basename(path);
  await new Upload({
    client: s3,
    params: { Bucket: bucket, Key: key, Body: createReadStream(path) },
  }).done();
  return key;
}
