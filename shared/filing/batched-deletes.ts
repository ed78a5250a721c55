import { MAX_KEYS_PER_DELETE, type ObjectStore } from './object-store.js';

/**
 * DeleteObjects requests on their way at once. With one, a delete asked just after a batch
 * left waits for its whole round trip before its own starts (bench/filing.ts with 20 ms per
 * request: no faster than one at a time); with two, batches still form under load (about 3
 * deletes each there) while a lone delete goes at once.
 */
const BATCHES_IN_FLIGHT = 2;

interface PendingDelete {
  key: string;
  ifMatch?: string;
  settle: (error: Error | undefined) => void;
}

/**
 * The store, with the deletes of concurrent filings sent together: one DeleteObjects for the
 * deletes asked while earlier ones were on their way (none waits for a timer: with none on
 * its way, a delete goes at once, alone). Each delete is the same as alone — only the version
 * of its ETag, a key already gone not an error — and each caller still awaits its own result,
 * so a filing goes on only once its source is deleted, as before. A store without
 * `deleteEach` is returned as it is. For backfill, which files many objects at once.
 */
export function withBatchedDeletes(store: ObjectStore): ObjectStore {
  const deleteEach = store.deleteEach?.bind(store);
  if (!deleteEach) return store;
  const queue: PendingDelete[] = [];
  let sending = 0;

  const send = async () => {
    sending++;
    while (queue.length > 0) {
      const batch = takeBatch(queue);
      try {
        const results = await deleteEach(batch.map(({ key, ifMatch }) => ({ key, ifMatch })));
        batch.forEach((pending, i) => {
          pending.settle(results[i]);
        });
      } catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error));
        for (const pending of batch) pending.settle(failure);
      }
    }
    sending--;
  };

  return {
    bucket: store.bucket,
    head: (key) => store.head(key),
    readRange: (key, start, end) => store.readRange(key, start, end),
    readStream: (key, start, options) => store.readStream(key, start, options),
    copy: (sourceKey, targetKey, options) => store.copy(sourceKey, targetKey, options),
    upload: (key, body, options) => store.upload(key, body, options),
    deleteEach,
    listFiles: (prefix) => store.listFiles(prefix),
    listPrefixes: (prefix) => store.listPrefixes(prefix),
    delete: (key, options = {}) =>
      new Promise<void>((resolve, reject) => {
        queue.push({
          key,
          ifMatch: options.ifMatch,
          settle: (error) => (error ? reject(error) : resolve()),
        });
        if (sending < BATCHES_IN_FLIGHT) void send();
      }),
  };
}

/**
 * Up to 1,000 pending deletes, each key once: S3 answers by key, so a second delete of a
 * key waits for the next batch.
 */
function takeBatch(queue: PendingDelete[]): PendingDelete[] {
  const batch: PendingDelete[] = [];
  const keys = new Set<string>();
  for (let i = 0; i < queue.length && batch.length < MAX_KEYS_PER_DELETE; ) {
    const pending = queue[i]!;
    if (keys.has(pending.key)) {
      i++;
      continue;
    }
    keys.add(pending.key);
    batch.push(pending);
    queue.splice(i, 1);
  }
  return batch;
}
