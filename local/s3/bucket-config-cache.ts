/** The parts of s3rver's folder store (lib/stores/filesystem.js) the cache wraps. */
interface SubresourceStore {
  getSubresource(bucket: string, key: string | undefined, type: string): Promise<unknown>;
  putSubresource(
    bucket: string,
    key: string | undefined,
    resource: { type: string },
  ): Promise<void>;
  deleteSubresource(bucket: string, key: string | undefined, type: string): Promise<void>;
  deleteBucket(bucket: string): Promise<void>;
}

/**
 * s3rver's CORS and website middlewares read the bucket's `cors` and `website` configuration
 * files on every request, found or not: two file opens per request (the server's CPU
 * in bench/filing.ts, about 6% of it). Only the store writes them, so the bucket-level ones are kept in memory
 * and dropped when the store puts or deletes one, or deletes the bucket. What a request sees
 * is the same; object-level subresources (tagging) are read as before.
 */
export function cacheBucketConfigs(store: SubresourceStore): void {
  const cached = new Map<string, Promise<unknown>>();
  const id = (bucket: string, type: string) => `${bucket}\u0000${type}`;
  const isBucketLevel = (key: string | undefined) => key === undefined || key === '';
  const forgetBucket = (bucket: string) => {
    for (const entry of cached.keys())
      if (entry.startsWith(`${bucket}\u0000`)) cached.delete(entry);
  };

  const get = store.getSubresource.bind(store);
  store.getSubresource = (bucket, key, type) => {
    if (!isBucketLevel(key)) return get(bucket, key, type);
    const entry = id(bucket, type);
    let config = cached.get(entry);
    if (!config) {
      config = get(bucket, key, type);
      cached.set(entry, config);
      // A failed read is not remembered.
      config.catch(() => cached.delete(entry));
    }
    return config;
  };
  const put = store.putSubresource.bind(store);
  store.putSubresource = (bucket, key, resource) => {
    if (isBucketLevel(key)) cached.delete(id(bucket, resource.type));
    return put(bucket, key, resource).finally(() => {
      if (isBucketLevel(key)) cached.delete(id(bucket, resource.type));
    });
  };
  const remove = store.deleteSubresource.bind(store);
  store.deleteSubresource = (bucket, key, type) => {
    if (isBucketLevel(key)) cached.delete(id(bucket, type));
    return remove(bucket, key, type).finally(() => {
      if (isBucketLevel(key)) cached.delete(id(bucket, type));
    });
  };
  const deleteBucket = store.deleteBucket.bind(store);
  store.deleteBucket = (bucket) => deleteBucket(bucket).finally(() => forgetBucket(bucket));
}
