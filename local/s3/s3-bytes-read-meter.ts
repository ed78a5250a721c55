import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { S3Client } from '@aws-sdk/client-s3';

/** Response body bytes an S3 client received, by operation (`GetObject`, `ListObjectsV2`, …). */
export interface S3BytesReadMeter {
  /** Bytes per operation so far: what was consumed of each response body, retries included. */
  bytes(): Record<string, number>;
  /** Bytes of object data read (GetObject bodies): what reading a file cost. */
  objectBytes(): number;
  reset(): void;
}

/**
 * Counts the bytes of every response body the client reads, as they are read: a ranged GET
 * counts its range, a streamed GET what the reader took of it before stopping. A middleware of
 * the real client, placed inside the deserializer so that it sees the raw HTTP body before the
 * SDK wraps it; each attempt on the wire counts once.
 */
export function meterS3BytesRead(client: S3Client): S3BytesReadMeter {
  let bytes: Record<string, number> = {};
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      const result = await next(args);
      const response = result.response as { body?: unknown };
      if (response.body instanceof Readable) {
        response.body = counted(response.body, (n) => {
          bytes[operation] = (bytes[operation] ?? 0) + n;
        });
      }
      return result;
    },
    { step: 'deserialize', priority: 'low', name: 'csvCatalogBytesReadMeter' },
  );
  return {
    bytes: () => ({ ...bytes }),
    objectBytes: () => bytes.GetObject ?? 0,
    reset: () => {
      bytes = {};
    },
  };
}

/** The same bytes through a pass-through that reports each chunk's length as it goes by. */
function counted(body: Readable, add: (n: number) => void): Readable {
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      add(chunk.length);
      callback(null, chunk);
    },
  });
  // Errors travel both ways: a failing body fails the reader; a reader that stops early
  // (destroy) releases the body and its socket.
  pipeline(body, counter).catch(() => {});
  return counter;
}
