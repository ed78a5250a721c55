import type { Config } from '../config/config-schema.js';
import type { ObjectStore } from '../filing/object-store.js';
import { isTablePrefix } from '../naming/key-scope.js';

/** Every table prefix at the bucket root, less _raw/, _archive/ and configured exclusions. */
export async function tablePrefixes(store: ObjectStore, config: Config): Promise<string[]> {
  const prefixes = await store.listPrefixes('');
  return prefixes.filter((p) => isTablePrefix(p, config.naming.exclude)).map((p) => p.slice(0, -1));
}
