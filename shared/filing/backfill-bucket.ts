import pLimit from 'p-limit';
import { type FilingDependencies, fileCsvObject } from './file-csv-object.js';
import type { FilingOutcome } from './filing-outcome.js';

export interface BackfillProgress {
  /** Root objects listed so far (grows while listing pages). */
  listed: number;
  done: number;
  listing: boolean;
}

/**
 * Files every object at the bucket root, as the Lambda would on its event: lists the root
 * page by page (any number of keys) and files with bounded concurrency while listing goes on.
 */
export async function backfillBucket(
  deps: FilingDependencies & {
    concurrency: number;
    onProgress?: (progress: BackfillProgress) => void;
  },
): Promise<FilingOutcome[]> {
  const limit = pLimit(deps.concurrency);
  const progress: BackfillProgress = { listed: 0, done: 0, listing: true };
  const pending: Promise<FilingOutcome>[] = [];
  for await (const page of deps.store.listFiles('')) {
    progress.listed += page.length;
    deps.onProgress?.({ ...progress });
    for (const object of page) {
      pending.push(
        limit(async () => {
          const outcome = await fileCsvObject(
            { key: object.key, size: object.size, eTag: object.eTag },
            deps,
          );
          progress.done++;
          deps.onProgress?.({ ...progress });
          return outcome;
        }),
      );
    }
  }
  progress.listing = false;
  deps.onProgress?.({ ...progress });
  return Promise.all(pending);
}
