import type { S3Client } from '@aws-sdk/client-s3';

/** Requests an S3 client sent, by operation (`HeadObject`, `CopyObject`, …), retries included. */
export interface S3RequestMeter {
  /** Requests per operation so far. */
  counts(): Record<string, number>;
  total(): number;
  reset(): void;
}

export interface S3RequestMeterOptions {
  /**
   * Milliseconds to wait before each request is sent. On AWS a request's time is mostly its
   * round trip and the service's first-byte latency (tens of ms), paid per request and in
   * parallel by concurrent requests; the local S3 answers in well under a millisecond. Waiting
   * on the client before each send adds exactly that per-request cost without occupying the
   * server, so sequential work pays it once per request and concurrent work overlaps it, as
   * against AWS. (A delay inside the server would model the same, but would hold its
   * readers–writer lock, which S3 has no equivalent of.)
   */
  latencyMs?: number;
}

/**
 * Counts every request the client sends and optionally adds latency to each: for benchmarks
 * and for tests that keep request counts from growing back. A middleware of the real client,
 * placed after the retry middleware, so each attempt on the wire counts once.
 */
export function meterS3Requests(
  client: S3Client,
  options: S3RequestMeterOptions = {},
): S3RequestMeter {
  let counts: Record<string, number> = {};
  const latencyMs = options.latencyMs ?? 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      counts[operation] = (counts[operation] ?? 0) + 1;
      if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: 'csvCatalogRequestMeter' },
  );
  return {
    counts: () => ({ ...counts }),
    total: () => Object.values(counts).reduce((sum, n) => sum + n, 0),
    reset: () => {
      counts = {};
    },
  };
}
