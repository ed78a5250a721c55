import type { Config } from '../config/config-schema.js';
import { describeError, FilingError } from '../errors.js';
import { fileNameOf } from '../naming/key-scope.js';
import { compareSnapshotFiles, type OrderedFile } from '../naming/snapshot-order.js';
import { deriveTableName } from '../naming/table-name.js';
import { copyProvenWhole } from './copy-proof.js';
import { fromS3Metadata } from './filed-metadata.js';
import type { ListedKeys } from './listed-keys.js';
import { type CopiedObject, listAll, type ObjectStore, type StoredObject } from './object-store.js';
import { preserveReplaced } from './preserve-replaced.js';
import { tablePaths } from './table-paths.js';

/** A snapshot file in place: its listing entry, placed in the order of snapshot-order.ts. */
export interface SnapshotFile extends OrderedFile {
  object: StoredObject;
}

/**
 * The snapshot files of a table in place, oldest first by the one order of
 * shared/naming/snapshot-order.ts (snapshot padded to 14 digits, then the listing's
 * LastModified, then the key).
 */
export async function snapshotsInPlace(
  store: ObjectStore,
  table: string,
  config: Config,
): Promise<SnapshotFile[]> {
  return snapshotFilesOf(await listAll(store.listFiles(tablePaths.prefix(table))), table, config);
}

/** The snapshot files of `table` among objects listed in its prefix, in that order. */
export function snapshotFilesOf(
  objects: readonly StoredObject[],
  table: string,
  config: Config,
): SnapshotFile[] {
  const files: SnapshotFile[] = [];
  for (const object of objects) {
    const name = safeTableName(fileNameOf(object.key), config);
    if (name?.table === table && name.snapshot) {
      files.push({
        object,
        key: object.key,
        snapshot: name.snapshot,
        lastModified: object.lastModified,
      });
    }
  }
  return files.sort(compareSnapshotFiles);
}

/** The newest snapshot file in place by that order, if any. */
export async function newestSnapshotInPlace(
  store: ObjectStore,
  table: string,
  config: Config,
): Promise<SnapshotFile | undefined> {
  return (await snapshotsInPlace(store, table, config)).at(-1);
}

/**
 * Keeps exactly one snapshot file in the table's prefix, the newest by the order of
 * snapshot-order.ts; the others move to `_archive/<table>/` (copied, verified, then deleted).
 * Every filing of a table runs this after its copy, so concurrent filings converge without
 * locks: a filing that sees a newer file in place archives itself; one that sees itself newest
 * archives every other. The order is total and a file's place in it is fixed once it is in
 * place (key and LastModified never change), so all filings agree on which is newest, ties of
 * the snapshot included. Whichever file N is newest, its filing lists after its own copy: an
 * older file whose filing listed after that copy saw N and archived itself; one whose filing
 * listed before it was copied, so N's listing sees it and archives it. Nothing older stays;
 * and no older file is moved by more than two filings (itself and the newest), where
 * "everyone archives everything" costs a burst of N snapshots N² copies.
 *
 * `options.files` is a listing the caller already holds, for a filing whose own file never
 * enters the prefix (it went straight to the archive): that one needs no listing after its
 * copy, and archiving what an earlier listing showed older is safe (each move re-reads the
 * object and is conditional on its ETag). `options.listed` spares the HEAD of archive keys a
 * listing showed free.
 */
export async function archiveOlderSnapshots(
  store: ObjectStore,
  table: string,
  config: Config,
  ownKey: string,
  options: { files?: SnapshotFile[]; listed?: Pick<ListedKeys, 'absent'> } = {},
): Promise<ConvergedPrefix> {
  const files = options.files ?? (await snapshotsInPlace(store, table, config));
  const newest = files.at(-1);
  if (!newest) return { archived: [], newest };
  const own = files.find((f) => f.key === ownKey);
  const older = files.slice(0, -1);
  const toArchive = own && own !== newest ? [own] : older;
  const archived: string[] = [];
  for (const file of toArchive) {
    const archivedKey = await archiveObject(store, table, file.object, options.listed);
    if (archivedKey) archived.push(archivedKey);
  }
  return { archived, newest };
}

/** What converging a prefix did: the keys archived, and the newest file it found in place. */
export interface ConvergedPrefix {
  archived: string[];
  newest?: SnapshotFile;
}

/**
 * Moves one object to the archive. Two filings may move the same object at once (itself
 * and the newest): whoever finds the object gone leaves the move to the other.
 */
async function archiveObject(
  store: ObjectStore,
  table: string,
  object: StoredObject,
  listed?: Pick<ListedKeys, 'absent'>,
): Promise<string | undefined> {
  const target = tablePaths.archived(table, fileNameOf(object.key));
  const current = await store.head(object.key);
  if (!current) return undefined;
  const sourceETag = fromS3Metadata(current.metadata)?.sourceETag;
  await preserveReplaced(store, object.key, target, sourceETag, listed);
  let copied: CopiedObject | undefined;
  try {
    copied = await store.copy(object.key, target, {
      size: current.size,
      metadata: current.metadata ?? {},
      contentType: 'text/csv; charset=utf-8',
      sourceIfMatch: current.eTag,
    });
  } catch (error) {
    if (!(await store.head(object.key))) return undefined;
    throw new FilingError(object.key, 'archive', `copy to ${target}: ${describeError(error)}`, {
      cause: error,
    });
  }
  const written = copyProvenWhole(copied, current.eTag) ? current : await store.head(target);
  if (written?.size !== current.size) {
    if (!(await store.head(object.key))) return undefined;
    throw new FilingError(
      object.key,
      'archive',
      `the archived copy ${target} has ${written?.size ?? 'no'} bytes, expected ${current.size}; the file stays in place`,
    );
  }
  await store.delete(object.key, { ifMatch: current.eTag });
  return target;
}

function safeTableName(fileName: string, config: Config) {
  try {
    return deriveTableName(fileName, config.naming.rules);
  } catch {
    return undefined;
  }
}
