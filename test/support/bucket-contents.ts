import { GetObjectCommand, paginateListObjectsV2 } from '@aws-sdk/client-s3';
import type { TestS3 } from './local-s3.js';

/** Every key in the bucket, sorted. */
export async function listKeys(s3: TestS3, bucket: string, prefix?: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const page of paginateListObjectsV2(
    { client: s3.client },
    { Bucket: bucket, Prefix: prefix },
  )) {
    for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
  }
  return keys.sort();
}

/** The object's bytes. */
export async function readObject(s3: TestS3, bucket: string, key: string): Promise<Buffer> {
  const out = await s3.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await out.Body!.transformToByteArray());
}
