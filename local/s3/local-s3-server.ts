import { mkdir } from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { S3Event, S3EventRecord } from 'aws-lambda';
import { makeObjectWritesAtomic, removeUnfinishedWrites } from './atomic-object-writes.js';
import { cacheBucketConfigs } from './bucket-config-cache.js';
import { deleteObjectsAsS3 } from './delete-objects.js';
import { multipartUploadsAsS3 } from './multipart-uploads.js';
import { quietS3rverLogging } from './quiet-s3rver-logging.js';
import { ReadWriteLock } from './read-write-lock.js';
import { encodeS3EventKey } from './s3-event-key.js';
import type { S3FaultInjector } from './s3-fault-injector.js';
import { failsPrecondition } from './s3-preconditions.js';
import { sortedWalk } from './sorted-walk.js';

// s3rver ships no types; the narrow interfaces below are all this module uses.
type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;
interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  callback(): RequestListener;
  on(event: 'event', listener: (event: S3Event) => void): void;
  httpServer?: Server;
  store: Record<string, unknown>;
}
type S3rverConstructor = new (options: Record<string, unknown>) => S3rverInstance;

/**
 * s3rver with its folder walk replaced (see sorted-walk.ts) and DeleteObjects as S3 answers it
 * (delete-objects.ts): patched before its store loads.
 */
function loadS3rver(): S3rverConstructor {
  const require = createRequire(import.meta.url);
  const utils = require('s3rver/lib/utils.js') as { walk: unknown };
  utils.walk = sortedWalk;
  acceptAnyAccessKey(require('s3rver/lib/models/account.js') as S3rverAccounts);
  deleteObjectsAsS3(
    require('s3rver/lib/controllers/object.js') as Parameters<typeof deleteObjectsAsS3>[0],
  );
  return require('s3rver') as S3rverConstructor;
}

interface S3rverAccounts {
  registry: Map<string, unknown>;
  DUMMY_ACCOUNT: { createKeyPair(accessKeyId: string, secretAccessKey: string): void };
}

/**
 * s3rver knows one access key, S3RVER, and answers InvalidAccessKeyId to any other, so
 * `aws s3 cp --endpoint-url` with the dummy credentials a user exports (or the stack's own
 * client, when AWS_ACCESS_KEY_ID is set) is refused. A local endpoint takes any key: an
 * unknown one becomes a key of s3rver's dummy account (signatures are not checked anyway).
 */
function acceptAnyAccessKey(accounts: S3rverAccounts): void {
  const { registry, DUMMY_ACCOUNT } = accounts;
  const get = Map.prototype.get;
  registry.get = (accessKeyId: string) => {
    if (typeof accessKeyId === 'string' && !registry.has(accessKeyId)) {
      DUMMY_ACCOUNT.createKeyPair(accessKeyId, accessKeyId);
    }
    return get.call(registry, accessKeyId);
  };
}

export interface LocalS3Options {
  /** Folder the objects live in; survives a restart. */
  dir: string;
  /** 0 picks a free port. */
  port?: number;
  buckets?: string[];
  /** Object-created notifications, shaped and key-encoded as S3 sends them. */
  onObjectCreated?: (event: S3Event) => void;
  /** Test-only: faults injected into requests (s3-fault-injector.ts). None by default. */
  faults?: S3FaultInjector;
}

export interface LocalS3 {
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Starts an S3-compatible server (s3rver) on loopback. Listing past 1,000 keys needs the
 * process to run with --openssl-legacy-provider (see local/README.md).
 */
export async function startLocalS3(options: LocalS3Options): Promise<LocalS3> {
  await mkdir(options.dir, { recursive: true });
  removeUnfinishedWrites(options.dir);
  const S3rver = loadS3rver();
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? 0,
    directory: options.dir,
    silent: true,
    configureBuckets: (options.buckets ?? []).map((name) => ({ name })),
    allowMismatchedSignatures: true,
  });
  quietS3rverLogging(server as unknown as Parameters<typeof quietS3rverLogging>[0]);
  adaptRequestsToS3(server, options.faults);
  // Before the lock wraps the store: its writers call these (atomic-object-writes.ts).
  makeObjectWritesAtomic(server.store as unknown as Parameters<typeof makeObjectWritesAtomic>[0]);
  multipartUploadsAsS3(server.store as unknown as Parameters<typeof multipartUploadsAsS3>[0]);
  serializeStoreWrites(server);
  // Outside the lock: a cached read waits on nothing; a miss reads one small file.
  cacheBucketConfigs(server.store as unknown as Parameters<typeof cacheBucketConfigs>[0]);
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
    async close() {
      // SDK clients keep sockets alive; without this, close() waits for them to time out.
      server.httpServer?.closeIdleConnections();
      await server.close();
    },
  };
}

/**
 * Injected test faults come first, then conditional writes (s3-preconditions.ts). S3 takes `x-amz-copy-source`
 * fully URL-encoded; s3rver decodes it with decodeURI, which
 * leaves `%2B`, `%26`, `%23`… as they are. Re-encode it the way s3rver reads it, so that a
 * key with `+`, `&` or `#` copies locally as on AWS.
 */
function adaptRequestsToS3(server: S3rverInstance, faults?: S3FaultInjector): void {
  const makeListener = server.callback.bind(server);
  const store = server.store as {
    getMetadata(bucket: string, key: string): Promise<{ etag?: string }>;
  };
  const etagOf = (bucket: string, key: string) =>
    store.getMetadata(bucket, key).then(
      (metadata) => metadata.etag,
      () => undefined,
    );
  server.callback = () => {
    const listener = makeListener();
    return (req, res) => {
      if (faults?.intercept(req, res)) return;
      void failsPrecondition(req, res, etagOf).then((failed) => {
        if (failed) return;
        const source = req.headers['x-amz-copy-source'];
        if (typeof source === 'string') {
          req.headers['x-amz-copy-source'] = encodeURI(decodeURIComponent(source));
        }
        listener(req, res);
      });
    };
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

/** Store operations that change files on disk, and those that only read them. */
const STORE_WRITES = [
  'putObject',
  'copyObject',
  'deleteObject',
  'putObjectMultipart',
  'putBucket',
  'deleteBucket',
];
const STORE_READS = [
  'getMetadata',
  'getObject',
  'existsObject',
  'listObjects',
  'getBucket',
  'listBuckets',
];

/**
 * S3 replaces an object atomically; s3rver's folder store does not: it rewrites files in
 * place, writes metadata separately and removes empty folders on delete. Concurrent writers
 * (a burst of snapshots archiving each other) then read half-written objects or lose them.
 * One readers–writer lock over the store gives the local server S3's atomicity.
 */
function serializeStoreWrites(server: S3rverInstance): void {
  const lock = new ReadWriteLock();
  const store = server.store;
  // Store methods call each other (copyObject reads metadata): inside the lock they must
  // reach the unlocked originals, or a writer would wait on itself.
  const unlocked = Object.assign(Object.create(Object.getPrototypeOf(store) as object), store);
  for (const [names, mode] of [
    [STORE_WRITES, 'write'],
    [STORE_READS, 'read'],
  ] as const) {
    for (const name of names) {
      const original = store[name];
      if (typeof original !== 'function') continue;
      store[name] = (...args: unknown[]) => lock[mode](() => original.apply(unlocked, args));
    }
  }
}
