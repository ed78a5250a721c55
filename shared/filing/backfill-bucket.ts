import pLimit from 'p-limit';
import type { Config } from '../config/config-schema.js';
import { fileNameOf } from '../naming/key-scope.js';
import { compareSnapshotFiles, compareSnapshotStamps } from '../naming/snapshot-order.js';
import type { TableName } from '../naming/table-name.js';
import { withBatchedDeletes } from './batched-deletes.js';
import {
  type FilingDependencies,
  fileCsvObject,
  filingTableName,
  type Placement,
  reasonToSkip,
} from './file-csv-object.js';
import type { FilingOutcome } from './filing-outcome.js';
import { ListedKeys } from './listed-keys.js';
import { listAll, type ObjectStore, type StoredObject } from './object-store.js';
import { snapshotFilesOf } from './snapshot-convergence.js';
import { tablePaths } from './table-paths.js';

export interface BackfillProgress {
  /** Root objects listed so far (grows while listing pages). */
  listed: number;
  done: number;
  listing: boolean;
}

/** A snapshot file at the root, in the group of its table. */
interface RootSnapshot {
  index: number;
  object: StoredObject;
  name: TableName & { snapshot: string };
}

/**
 * Files every object at the bucket root, as the Lambda would on its event, with bounded
 * concurrency. The root is listed once (every page), and snapshots are filed by table: one
 * listing of the table's prefix and of its archive, the newest snapshot put in place (if it is
 * newer than the one there) and every other sent straight to `_archive/<table>/`, each one
 * still filed as a drop is (sniffed, copied, verified, then its source deleted; its workflow
 * started, superseded ones as such). Filing them one by one, oldest first, would copy each into
 * place and copy it again into the archive when the next one came. Objects without a snapshot
 * (or under `snapshots: append`) are filed one by one. Outcomes come in listing order.
 */
export async function backfillBucket(
  options: FilingDependencies & {
    concurrency: number;
    onProgress?: (progress: BackfillProgress) => void;
  },
): Promise<FilingOutcome[]> {
  // Many filings at once: their deletes go in DeleteObjects batches (batched-deletes.ts).
  const deps = { ...options, store: withBatchedDeletes(options.store) };
  const limit = pLimit(deps.concurrency);
  const progress: BackfillProgress = { listed: 0, done: 0, listing: true };
  const roots: StoredObject[] = [];
  for await (const page of deps.store.listFiles('')) {
    roots.push(...page);
    progress.listed += page.length;
    deps.onProgress?.({ ...progress });
  }
  progress.listing = false;
  deps.onProgress?.({ ...progress });

  const file = (object: StoredObject, placement?: Placement) =>
    limit(async () => {
      const outcome = await fileCsvObject(requestOf(object), deps, placement);
      progress.done++;
      deps.onProgress?.({ ...progress });
      return outcome;
    });
  const outcomes: Promise<FilingOutcome>[] = [];
  const groups = new Map<string, RootSnapshot[]>();
  roots.forEach((object, index) => {
    const name = snapshotName(object, deps.config);
    if (!name) {
      outcomes[index] = file(object);
      return;
    }
    const group = groups.get(name.table) ?? [];
    group.push({ index, object, name });
    groups.set(name.table, group);
  });
  await Promise.all(
    [...groups].map(async ([table, group]) => {
      const placements = await limit(() => placeGroup(deps.store, table, group, deps.config));
      for (const member of group) {
        outcomes[member.index] = file(member.object, placements?.get(member.index));
      }
    }),
  );
  return Promise.all(outcomes);
}

function requestOf(object: StoredObject) {
  return { key: object.key, size: object.size, eTag: object.eTag };
}

/** The table and snapshot of a root object that files as a snapshot, or undefined. */
function snapshotName(
  object: StoredObject,
  config: Config,
): (TableName & { snapshot: string }) | undefined {
  if (config.snapshots !== 'replace' || reasonToSkip(requestOf(object))) return undefined;
  try {
    const name = filingTableName(object.key, config);
    return name.snapshot ? { ...name, snapshot: name.snapshot } : undefined;
  } catch {
    return undefined; // fileCsvObject reports the naming error for it
  }
}

/**
 * Where each root snapshot of one table goes, from one listing of its prefix and one of its
 * archive. The newest root snapshot (by the order of snapshot-order.ts: padded snapshot, then
 * LastModified — here the upload's —, then key) goes in place when its snapshot is not older
 * than the newest in place (a tie counts as newer: it is filed later), and lists the prefix
 * after its copy as every filing in place does, archiving what is older; the others go
 * straight to the archive and list nothing. Undefined when a listing fails: each is then
 * filed alone, as a drop is.
 */
async function placeGroup(
  store: ObjectStore,
  table: string,
  group: RootSnapshot[],
  config: Config,
): Promise<Map<number, Placement> | undefined> {
  const prefix = tablePaths.prefix(table);
  const archivePrefix = tablePaths.archivePrefix(table);
  let inPlace: StoredObject[];
  let archived: StoredObject[];
  try {
    [inPlace, archived] = await Promise.all([
      listAll(store.listFiles(prefix)),
      listAll(store.listFiles(archivePrefix)),
    ]);
  } catch {
    return undefined;
  }
  const listed = new ListedKeys().add(prefix, inPlace).add(archivePrefix, archived);
  // Converging the prefix moves these names into the archive meanwhile: never assume them free.
  for (const object of inPlace) listed.mayExist(tablePaths.archived(table, fileNameOf(object.key)));
  const files = snapshotFilesOf(inPlace, table, config);
  const newestInPlace = files.at(-1);
  const ordered = [...group].sort((a, b) =>
    compareSnapshotFiles(
      { key: a.object.key, snapshot: a.name.snapshot, lastModified: a.object.lastModified },
      { key: b.object.key, snapshot: b.name.snapshot, lastModified: b.object.lastModified },
    ),
  );
  const newest = ordered.at(-1);
  const placements = new Map<number, Placement>();
  for (const member of ordered) {
    placements.set(member.index, { superseded: true, listed, converge: 'none' });
  }
  if (newest) {
    const inPlaceWins =
      newestInPlace !== undefined &&
      compareSnapshotStamps(newest.name.snapshot, newestInPlace.snapshot) < 0;
    placements.set(
      newest.index,
      inPlaceWins
        ? { superseded: true, listed, converge: files }
        : { superseded: false, listed, converge: 'list' },
    );
  }
  return placements;
}
