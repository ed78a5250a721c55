/**
 * The one order over the files of a table, oldest first, that decides which file stays in
 * place under `snapshots: replace`. It is total and deterministic, so every concurrent filing,
 * CheckSnapshot and sync name the same newest file:
 *
 * 1. the snapshot from the file name, padded with zeros to 14 digits (`20250901`,
 *    `202509010000` and `2025-09-01` all read `20250901000000`: they tie);
 * 2. then the object's LastModified as the S3 listing gives it (the file filed later is
 *    newer; AWS lists whole seconds, so ties within a second fall through);
 * 3. then the object key, compared code unit by code unit.
 *
 * A file's place in the order is fixed once it is in place (its key and LastModified no longer
 * change), which is what the convergence of concurrent filings relies on
 * (shared/filing/snapshot-convergence.ts). Always compare LastModified values of one kind:
 * those of a listing, never a listing's against a HeadObject's.
 */
export interface OrderedFile {
  key: string;
  /** Digits only (`202508291511`); see {@link paddedSnapshot}. */
  snapshot: string;
  lastModified?: Date;
}

/** Which rule of the order tells two files apart. */
export type OrderRule = 'snapshot' | 'lastModified' | 'key';

const SNAPSHOT_DIGITS = 14;

/** A snapshot padded to 14 digits, so a date-only `20250901` sorts before any time on that day. */
export function paddedSnapshot(snapshot: string): string {
  return snapshot.padEnd(SNAPSHOT_DIGITS, '0');
}

/** Compares snapshots alone (rule 1): negative when `a` is older, 0 when they tie. */
export function compareSnapshotStamps(a: string, b: string): number {
  return compareText(paddedSnapshot(a), paddedSnapshot(b));
}

/** The total order: negative when `a` is older than `b`, 0 only for the same key. */
export function compareSnapshotFiles(a: OrderedFile, b: OrderedFile): number {
  return (
    compareSnapshotStamps(a.snapshot, b.snapshot) ||
    (a.lastModified?.getTime() ?? 0) - (b.lastModified?.getTime() ?? 0) ||
    compareText(a.key, b.key)
  );
}

/** The rule that puts `newer` after `older` (for messages), or undefined for the same file. */
export function ruleBetween(older: OrderedFile, newer: OrderedFile): OrderRule | undefined {
  if (compareSnapshotStamps(older.snapshot, newer.snapshot) !== 0) return 'snapshot';
  if ((older.lastModified?.getTime() ?? 0) !== (newer.lastModified?.getTime() ?? 0)) {
    return 'lastModified';
  }
  return older.key === newer.key ? undefined : 'key';
}

/** The newest file by the order, if any. */
export function newestFile<T extends OrderedFile>(files: readonly T[]): T | undefined {
  return [...files].sort(compareSnapshotFiles).at(-1);
}

/**
 * A snapshot for a file whose name has none (sync orders every file of a prefix): its
 * LastModified as 14 digits, UTC, so such files take part in the same order.
 */
export function snapshotOfLastModified(lastModified: Date | undefined): string {
  const iso = (lastModified ?? new Date(0)).toISOString();
  return iso.replace(/\D/g, '').slice(0, SNAPSHOT_DIGITS);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
