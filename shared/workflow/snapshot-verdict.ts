import type { Config } from '../config/config-schema.js';
import type { ObjectStore } from '../filing/object-store.js';
import { type SnapshotFile, snapshotsInPlace } from '../filing/snapshot-convergence.js';
import { tablePaths } from '../filing/table-paths.js';
import { fileNameOf } from '../naming/key-scope.js';
import { ruleBetween } from '../naming/snapshot-order.js';
import type { WorkflowInput } from './workflow-input.js';

/** Whether the file is still the snapshot in place, and why. */
export interface SnapshotVerdict {
  superseded: boolean;
  reason: string;
  /** The newest snapshot now in `<table>/` (null: none, or the file has no snapshot). */
  newestSnapshot: string | null;
}

/**
 * A file that is not THE newest file in place has nothing left to catalog: the newer file's
 * own execution does it. "Newest" is the one order of shared/naming/snapshot-order.ts, and the
 * file is compared by key, so of files whose snapshots tie only one goes on. Filing says so
 * when it archived the file at once; otherwise the listing of `<table>/` does.
 */
export async function snapshotVerdict(
  input: Pick<WorkflowInput, 'table' | 'key' | 'snapshot' | 'superseded'>,
  deps: { store: ObjectStore; config: Config },
): Promise<SnapshotVerdict> {
  const prefix = tablePaths.prefix(input.table);
  if (deps.config.snapshots !== 'replace' || input.snapshot === null) {
    const why = input.snapshot === null ? 'the file name has no snapshot' : 'snapshots: append';
    return {
      superseded: false,
      reason: `${why}: every file stays in ${prefix}`,
      newestSnapshot: null,
    };
  }
  const files = await snapshotsInPlace(deps.store, input.table, deps.config);
  const newest = files.at(-1);
  const newestSnapshot = newest?.snapshot ?? null;
  if (input.superseded) {
    return {
      superseded: true,
      reason: `snapshot ${input.snapshot} was filed into _archive/: a newer snapshot was in place`,
      newestSnapshot,
    };
  }
  if (!newest) {
    return {
      superseded: true,
      reason: `${input.key} is no longer in ${prefix} and no other snapshot is: nothing to catalog`,
      newestSnapshot,
    };
  }
  if (newest.key !== input.key) {
    const own = files.find((file) => file.key === input.key);
    return { superseded: true, reason: supersededBy(input, own, newest, prefix), newestSnapshot };
  }
  return {
    superseded: false,
    reason: `snapshot ${input.snapshot} is the newest in ${prefix}`,
    newestSnapshot,
  };
}

function supersededBy(
  input: Pick<WorkflowInput, 'key' | 'snapshot'>,
  own: SnapshotFile | undefined,
  newest: SnapshotFile,
  prefix: string,
): string {
  const rule = ruleBetween(own ?? { key: input.key, snapshot: input.snapshot ?? '' }, newest);
  if (rule === 'snapshot') {
    return `snapshot ${input.snapshot} was superseded by ${newest.snapshot}, now in ${prefix}`;
  }
  const by = !own
    ? 'this file was archived meanwhile'
    : rule === 'lastModified'
      ? 'it was filed later'
      : 'filed within the same second, its key sorts later';
  return `${fileNameOf(input.key)} (snapshot ${input.snapshot}) ties with ${fileNameOf(newest.key)} (snapshot ${newest.snapshot}), which stays in ${prefix}: ${by}`;
}
