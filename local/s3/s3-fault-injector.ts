import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Test-only faults of the local S3 server, the way networks and S3 fail: never on unless a
 * test hands an injector to startLocalS3 (or startLocalStack) and adds a rule. Each rule
 * matches requests by method and decoded key and acts on at most `times` of them:
 * - `error`: S3 answers an error document (500 InternalError, 503 SlowDown, …) and the
 *   request never reaches the store;
 * - `cut`: the request is served, but the connection is destroyed once `afterBytes` of the
 *   response body went out (a GET broken mid-body); only a response that reaches that many
 *   bytes counts as a hit, so a short ranged read of the same key passes untouched;
 * - `drop`: the connection is destroyed before any answer (a reset; to the client, a request
 *   that never completes).
 */
export type S3FaultAction =
  | { type: 'error'; status: number; code: string; message?: string }
  | { type: 'cut'; afterBytes: number }
  | { type: 'drop' };

export interface S3FaultRule {
  /** HTTP method: GET, HEAD, PUT (PutObject, CopyObject, UploadPart), POST, DELETE. */
  method: string;
  /** Tested against the decoded object key (no bucket). */
  key: RegExp;
  /** Only a CopyObject (`x-amz-copy-source` present) or only not one; either when unset. */
  copy?: boolean;
  /** How many matching requests it acts on (default 1); Infinity until removed. */
  times?: number;
  action: S3FaultAction;
}

/** A request the injector acted on. */
export interface S3FaultHit {
  method: string;
  key: string;
  action: S3FaultAction['type'];
}

interface ActiveRule extends S3FaultRule {
  left: number;
}

export class S3FaultInjector {
  private rules: ActiveRule[] = [];
  private readonly hitList: S3FaultHit[] = [];

  /** Adds a rule; rules are tried in the order they were added. */
  add(rule: S3FaultRule): this {
    this.rules.push({ ...rule, left: rule.times ?? 1 });
    return this;
  }

  /** Removes every rule (the S3 is healthy again); the hits stay readable. */
  clear(): void {
    this.rules = [];
  }

  hits(): S3FaultHit[] {
    return [...this.hitList];
  }

  /**
   * Called by the server before a request reaches s3rver. Returns true when the fault answered
   * (or killed) the request itself; a `cut` returns false and lets the request be served.
   */
  intercept(req: IncomingMessage, res: ServerResponse): boolean {
    const key = objectKey(req.url);
    if (key === undefined) return false;
    const method = req.method ?? '';
    const isCopy = typeof req.headers['x-amz-copy-source'] === 'string';
    const rule = this.rules.find(
      (r) =>
        r.left > 0 &&
        r.method === method &&
        r.key.test(key) &&
        (r.copy === undefined || r.copy === isCopy),
    );
    if (!rule) return false;
    const { action } = rule;
    if (action.type === 'cut') {
      this.cutAfter(res, action.afterBytes, () => {
        if (rule.left <= 0) return false;
        rule.left -= 1;
        this.hitList.push({ method, key, action: 'cut' });
        return true;
      });
      return false;
    }
    rule.left -= 1;
    this.hitList.push({ method, key, action: action.type });
    // The body is drained first: an upload refused mid-stream must not stall the client.
    req.resume();
    if (action.type === 'drop') {
      req.socket.destroy();
      return true;
    }
    const body = `<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>${action.code}</Code><Message>${action.message ?? 'injected fault (local S3 test hook)'}</Message></Error>`;
    res.writeHead(action.status, { 'Content-Type': 'application/xml', Connection: 'close' });
    res.end(body);
    return true;
  }

  /** Lets the response go out until `afterBytes` of its body, then destroys the connection. */
  private cutAfter(res: ServerResponse, afterBytes: number, take: () => boolean): void {
    let sent = 0;
    let cut = false;
    const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    const lengthOf = (chunk: unknown) =>
      typeof chunk === 'string' ? Buffer.byteLength(chunk) : ((chunk as Buffer)?.length ?? 0);
    // Monkey-patched so that s3rver's own streaming (pipe into res) is cut where a network
    // would cut it; ServerResponse has no hook between its writes and the socket.
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (cut) return false;
      const length = lengthOf(chunk);
      if (sent + length > afterBytes && take()) {
        cut = true;
        const head = Buffer.from(chunk as Buffer).subarray(0, Math.max(0, afterBytes - sent));
        write(head);
        // Flushed first, so the client really receives part of the body before the reset.
        setImmediate(() => res.socket?.destroy());
        return false;
      }
      sent += length;
      return write(chunk, ...rest);
    }) as ServerResponse['write'];
    res.end = ((...args: unknown[]) => {
      if (cut) return res;
      const [chunk] = args;
      if (chunk !== undefined && typeof chunk !== 'function') {
        res.write(chunk);
        if (cut) return res;
        return end();
      }
      return end(...args);
    }) as ServerResponse['end'];
  }
}

/** The decoded key of a path-style `/bucket/key` URL; undefined for bucket-level requests. */
function objectKey(url: string | undefined): string | undefined {
  const path = new URL(url ?? '/', 'http://local').pathname;
  const match = /^\/[^/]+\/(.+)$/.exec(path);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}
