import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { startLocalS3 } from '../../local/s3/local-s3-server.js';
import { createS3Client } from '../../shared/aws/s3-client.js';

export interface TestS3 {
  endpoint: string;
  client: S3Client;
  dir: string;
  /** Object-created events seen so far, key-encoded as S3 sends them. */
  events: S3Event[];
  stop(): Promise<void>;
}

/** A real S3-compatible server on loopback in a temporary folder, for one test file. */
export async function startTestS3(buckets: string[]): Promise<TestS3> {
  const dir = await mkdtemp(join(tmpdir(), 'csv-catalog-s3-'));
  const events: S3Event[] = [];
  const server = await startLocalS3({ dir, buckets, onObjectCreated: (e) => events.push(e) });
  const client = createS3Client({ endpoint: server.endpoint });
  return {
    endpoint: server.endpoint,
    client,
    dir,
    events,
    async stop() {
      client.destroy();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
