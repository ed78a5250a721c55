import { FilingError } from '../errors.js';
import { fromS3Metadata } from './filed-metadata.js';
import { step } from './filing-step.js';
import type { ObjectStore } from './object-store.js';
import { tablePaths } from './table-paths.js';

/**
 * Before `key` is overwritten for the upload with ETag `incomingETag`, keeps what is there
 * if it came from another upload: the same file name dropped again (a dump without a
 * timestamp, a re-export) must not destroy the earlier bytes. Our own earlier copy of the
 * same upload (a retry) is simply overwritten. Returns where the old object was kept.
 */
export async function preserveReplaced(
  store: ObjectStore,
  sourceKey: string,
  key: string,
  incomingETag: string | undefined,
): Promise<string | undefined> {
  const existing = await step(sourceKey, 'archive', () => store.head(key));
  if (!existing) return undefined;
  const filed = fromS3Metadata(existing.metadata);
  if (filed && incomingETag && filed.sourceETag === incomingETag.replace(/"/g, ''))
    return undefined;
  const when = filed?.filedAt ?? existing.lastModified?.toISOString() ?? new Date().toISOString();
  // Time to the millisecond plus its ETag: two earlier files never get the same stamp.
  const etag = (existing.eTag ?? '').replace(/[^0-9a-f]/gi, '').slice(0, 8);
  const target = tablePaths.replaced(key, `${when.replace(/[-:]/g, '')}${etag ? `-${etag}` : ''}`);
  await step(sourceKey, 'archive', () =>
    store.copy(key, target, {
      size: existing.size,
      metadata: existing.metadata ?? {},
      sourceIfMatch: existing.eTag,
      contentType: 'text/csv',
    }),
  );
  const kept = await step(sourceKey, 'archive', () => store.head(target));
  if (kept?.size !== existing.size) {
    throw new FilingError(
      sourceKey,
      'archive',
      `could not keep the earlier ${key} as ${target} before replacing it; nothing was replaced`,
    );
  }
  return target;
}
