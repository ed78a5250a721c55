import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { encodeS3EventKey } from '../../local/s3/s3-event-key.js';
import type { TestS3 } from './local-s3.js';

/** Uploads a file as a user would and returns the S3 event the local server sent for it. */
export async function dropFile(
  s3: TestS3,
  bucket: string,
  key: string,
  body: string | Uint8Array,
): Promise<S3Event> {
  const seen = s3.events.length;
  await s3.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  const encoded = encodeS3EventKey(key);
  for (let attempt = 0; attempt < 100; attempt++) {
    const event = s3.events
      .slice(seen)
      .find((e) =>
        e.Records.some((r) => r.s3.object.key === encoded && r.s3.bucket.name === bucket),
      );
    if (event) return event;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no object-created event for ${key}`);
}
