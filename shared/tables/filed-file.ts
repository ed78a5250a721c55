import type { Config } from '../config/config-schema.js';
import { listAll, type ObjectStore, type StoredObject } from '../filing/object-store.js';
import { tablePaths } from '../filing/table-paths.js';
import { fileNameOf } from '../naming/key-scope.js';
import { newestFile, snapshotOfLastModified } from '../naming/snapshot-order.js';
import { deriveTableName } from '../naming/table-name.js';

/**
 * The file in place under `<table>/`: the newest CSV by the order filing and CheckSnapshot
 * keep (snapshot, LastModified, key); undefined when the prefix holds none.
 */
export async function filedFile(
  store: ObjectStore,
  table: string,
  config: Pick<Config, 'naming'>,
): Promise<StoredObject | undefined> {
  const objects = await listAll(store.listFiles(tablePaths.prefix(table)));
  const csvs = objects
    .filter((o) => /\.csv$/i.test(o.key) && o.size > 0)
    .map((object) => ({
      object,
      key: object.key,
      snapshot: snapshotOf(object.key, config) ?? snapshotOfLastModified(object.lastModified),
      lastModified: object.lastModified,
    }));
  return newestFile(csvs)?.object;
}

function snapshotOf(key: string, config: Pick<Config, 'naming'>): string | undefined {
  try {
    return deriveTableName(fileNameOf(key), config.naming.rules).snapshot;
  } catch {
    return undefined;
  }
}
