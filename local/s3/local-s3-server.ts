import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { S3Event, S3EventRecord } from 'aws-lambda';
// s3rver ships no types; the narrow interface below is all this module uses.
import S3rverModule from 's3rver';
import { encodeS3EventKey } from './s3-event-key.js';

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  on(event: 'event', listener: (event: S3Event) => void): void;
}
type S3rverConstructor = new (options: Record<string, unknown>) => S3rverInstance;
const S3rver = S3rverModule as unknown as S3rverConstructor;

export interface LocalS3Options {
  /** Folder the objects live in; survives a restart. */
  dir: string;
  /** 0 picks a free port. */
  port?: number;
  buckets?: string[];
  /** Object-created notifications, shaped and key-encoded as S3 sends them. */
  onObjectCreated?: (event: S3Event) => void;
}

export interface LocalS3 {
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Starts an S3-compatible server (s3rver) on loopback. Listing past 1,000 keys needs the
 * process to run with --openssl-legacy-provider (see DESIGN.md).
 */
export async function startLocalS3(options: LocalS3Options): Promise<LocalS3> {
  await mkdir(options.dir, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? 0,
    directory: options.dir,
    silent: true,
    configureBuckets: (options.buckets ?? []).map((name) => ({ name })),
    allowMismatchedSignatures: true,
  });
  if (options.onObjectCreated) {
    const listener = options.onObjectCreated;
    server.on('event', (event) => {
      const records = event.Records.filter((r) => r.eventName.startsWith('ObjectCreated:')).map(
        toS3NotificationRecord,
      );
      if (records.length > 0) listener({ Records: records });
    });
  }
  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    port: address.port,
    close: () => server.close(),
  };
}

function toS3NotificationRecord(record: S3EventRecord): S3EventRecord {
  return {
    ...record,
    s3: {
      ...record.s3,
      object: { ...record.s3.object, key: encodeS3EventKey(record.s3.object.key) },
    },
  };
}
