import type { Config } from '../config/config-schema.js';
import type { ObjectStore } from './object-store.js';
import { archiveOlderSnapshots } from './snapshot-convergence.js';

/**
 * With `snapshots: replace`, moves every snapshot file of the table but the newest from its
 * prefix to `_archive/<table>/` (the filing's own rule, snapshot-convergence.ts). Filing keeps
 * that invariant as it goes; a stack killed between a filing's copy and its archiving
 * (SIGKILL in a burst, a Lambda timing out) leaves several snapshots in place, which the
 * crawler would read as one table of all their rows. `sync` runs this before it starts the
 * workflow for the newest file. Returns the keys archived.
 */
export async function keepNewestSnapshotInPlace(
  store: ObjectStore,
  table: string,
  config: Config,
): Promise<string[]> {
  if (config.snapshots !== 'replace') return [];
  // No own key: every file older than the newest moves.
  const { archived } = await archiveOlderSnapshots(store, table, config, '');
  return archived;
}
