import { FilingError } from '../errors.js';
import { copyProvenWhole } from './copy-proof.js';
import { fromS3Metadata } from './filed-metadata.js';
import { step } from './filing-step.js';
import { type ListedKeys, NOTHING_LISTED } from './listed-keys.js';
import type { ObjectStore } from './object-store.js';
import { tablePaths } from './table-paths.js';

/**
 * Before `key` is overwritten for the upload with ETag `incomingETag`, keeps what is there
 * if it came from another upload: the same file name dropped again (a dump without a
 * timestamp, a re-export) must not destroy the earlier bytes. Our own earlier copy of the
 * same upload (a retry) is simply overwritten. Returns where the old object was kept. A key a
 * listing showed free (`listed`) is not asked about again.
 */
export async function preserveReplaced(
  store: ObjectStore,
  sourceKey: string,
  key: string,
  incomingETag: string | undefined,
  listed: Pick<ListedKeys, 'absent'> = NOTHING_LISTED,
): Promise<string | undefined> {
  if (listed.absent(key)) return undefined;
  const existing = await step(sourceKey, 'archive', () => store.head(key));
  if (!existing) return undefined;
  const filed = fromS3Metadata(existing.metadata);
  if (filed && incomingETag && filed.sourceETag === incomingETag.replace(/"/g, ''))
    return undefined;
  const when = filed?.filedAt ?? existing.lastModified?.toISOString() ?? new Date().toISOString();
  // Time to the millisecond plus its ETag: two earlier files never get the same stamp.
  const etag = (existing.eTag ?? '').replace(/[^0-9a-f]/gi, '').slice(0, 8);
  const target = tablePaths.replaced(key, `${when.replace(/[-:]/g, '')}${etag ? `-${etag}` : ''}`);
  const copied = await step(sourceKey, 'archive', () =>
    store.copy(key, target, {
      size: existing.size,
      metadata: existing.metadata ?? {},
      sourceIfMatch: existing.eTag,
      contentType: 'text/csv',
    }),
  );
  if (copyProvenWhole(copied, existing.eTag)) return target;
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
