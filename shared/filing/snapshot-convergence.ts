import type { Config } from '../config/config-schema.js';
import { describeError, FilingError } from '../errors.js';
import { fileNameOf } from '../naming/key-scope.js';
import { compareSnapshots, deriveTableName } from '../naming/table-name.js';
import { fromS3Metadata } from './filed-metadata.js';
import { listAll, type ObjectStore, type StoredObject } from './object-store.js';
import { preserveReplaced } from './preserve-replaced.js';
import { tablePaths } from './table-paths.js';

interface SnapshotFile {
  object: StoredObject;
  snapshot: string;
}

/** The snapshot files of a table in place, with their snapshots, oldest first. */
export async function snapshotsInPlace(
  store: ObjectStore,
  table: string,
  config: Config,
): Promise<SnapshotFile[]> {
  const objects = await listAll(store.listFiles(tablePaths.prefix(table)));
  const files: SnapshotFile[] = [];
  for (const object of objects) {
    const name = safeTableName(fileNameOf(object.key), config);
    if (name?.table === table && name.snapshot) files.push({ object, snapshot: name.snapshot });
  }
  return files.sort((a, b) => compareSnapshots(a.snapshot, b.snapshot));
}

/** The newest snapshot in place, if any. */
export async function newestSnapshotInPlace(
  store: ObjectStore,
  table: string,
  config: Config,
): Promise<string | undefined> {
  return (await snapshotsInPlace(store, table, config)).at(-1)?.snapshot;
}

/**
 * Keeps only the newest snapshot in the table's prefix; older ones move to
 * `_archive/<table>/` (copied, verified, then deleted). Every filing of a table runs this
 * after its copy, so concurrent filings converge without locks: a filing that sees a newer
 * snapshot in place archives itself; one that sees itself newest archives every older one.
 * Whichever snapshot is newest lists after every older copy that it did not see archive
 * itself, so nothing older stays; and no older file is moved by more than two filings
 * (itself and the newest), where "everyone archives everything" costs a burst of N
 * snapshots N² copies. Returns the keys this call archived.
 */
export async function archiveOlderSnapshots(
  store: ObjectStore,
  table: string,
  config: Config,
  ownKey: string,
): Promise<string[]> {
  const files = await snapshotsInPlace(store, table, config);
  const newest = files.at(-1)?.snapshot;
  if (!newest) return [];
  const own = files.find((f) => f.object.key === ownKey);
  const older = files.filter((f) => compareSnapshots(f.snapshot, newest) < 0);
  const toArchive = own && compareSnapshots(own.snapshot, newest) < 0 ? [own] : older;
  const archived: string[] = [];
  for (const file of toArchive) {
    const archivedKey = await archiveObject(store, table, file.object);
    if (archivedKey) archived.push(archivedKey);
  }
  return archived;
}

/**
 * Moves one object to the archive. Two filings may move the same object at once (itself
 * and the newest): whoever finds the object gone leaves the move to the other.
 */
async function archiveObject(
  store: ObjectStore,
  table: string,
  object: StoredObject,
): Promise<string | undefined> {
  const target = tablePaths.archived(table, fileNameOf(object.key));
  const current = await store.head(object.key);
  if (!current) return undefined;
  const sourceETag = fromS3Metadata(current.metadata)?.sourceETag;
  await preserveReplaced(store, object.key, target, sourceETag);
  try {
    await store.copy(object.key, target, {
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
  const copied = await store.head(target);
  if (copied?.size !== current.size) {
    if (!(await store.head(object.key))) return undefined;
    throw new FilingError(
      object.key,
      'archive',
      `the archived copy ${target} has ${copied?.size ?? 'no'} bytes, expected ${current.size}; the file stays in place`,
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
