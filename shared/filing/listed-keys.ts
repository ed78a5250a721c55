import type { StoredObject } from './object-store.js';

/**
 * What listings of some folders showed, so that a key they cover need not be asked about with
 * a HEAD: a key under a listed folder that the listing did not show was absent when listed. A
 * listing is a moment's view; callers use it only where a key appearing since is handled
 * anyway (a conditional copy, or the next filing's own check).
 */
export class ListedKeys {
  private readonly folders = new Set<string>();
  private readonly keys = new Set<string>();

  /** Records the objects listed directly under `folder` ('t/', '_archive/t/'). */
  add(folder: string, objects: readonly StoredObject[]): this {
    this.folders.add(folder);
    for (const object of objects) this.keys.add(object.key);
    return this;
  }

  /** A key that may be written meanwhile by other work of the caller's: always asked about. */
  mayExist(key: string): this {
    this.keys.add(key);
    return this;
  }

  /** True only when a listing of the key's folder was taken and did not show the key. */
  absent(key: string): boolean {
    const folder = key.slice(0, key.lastIndexOf('/') + 1);
    return this.folders.has(folder) && !this.keys.has(key);
  }
}

/** No listing: every key must be asked about. */
export const NOTHING_LISTED: Pick<ListedKeys, 'absent'> = { absent: () => false };
