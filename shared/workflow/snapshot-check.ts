import type { Config } from '../config/config-schema.js';
import type { ObjectStore } from '../filing/object-store.js';
import { newestSnapshotInPlace } from '../filing/snapshot-convergence.js';
import { tablePaths } from '../filing/table-paths.js';
import { compareSnapshots } from '../naming/table-name.js';
import type { WorkflowInput } from './workflow-input.js';

/** Whether the file is still the snapshot in place, and why. */
export interface SnapshotCheck {
  superseded: boolean;
  reason: string;
  /** The newest snapshot now in `<table>/` (null: none, or the file has no snapshot). */
  newestSnapshot: string | null;
}

/**
 * A file whose snapshot is no longer the one in place has nothing left to catalog: the newer
 * file's own execution does it. Filing says so when it archived the file at once; otherwise a
 * newer snapshot filed since shows in the listing of `<table>/`.
 */
export async function checkSnapshot(
  input: Pick<WorkflowInput, 'table' | 'snapshot' | 'superseded'>,
  deps: { store: ObjectStore; config: Config },
): Promise<SnapshotCheck> {
  const prefix = tablePaths.prefix(input.table);
  if (deps.config.snapshots !== 'replace' || input.snapshot === null) {
    const why = input.snapshot === null ? 'the file name has no snapshot' : 'snapshots: append';
    return {
      superseded: false,
      reason: `${why}: every file stays in ${prefix}`,
      newestSnapshot: null,
    };
  }
  const newest = (await newestSnapshotInPlace(deps.store, input.table, deps.config)) ?? null;
  if (input.superseded) {
    return {
      superseded: true,
      reason: `snapshot ${input.snapshot} was filed into _archive/: a newer snapshot was in place`,
      newestSnapshot: newest,
    };
  }
  if (newest !== null && compareSnapshots(input.snapshot, newest) < 0) {
    return {
      superseded: true,
      reason: `snapshot ${input.snapshot} was superseded by ${newest}, now in ${prefix}`,
      newestSnapshot: newest,
    };
  }
  return {
    superseded: false,
    reason: `snapshot ${input.snapshot} is the newest in ${prefix}`,
    newestSnapshot: newest,
  };
}
