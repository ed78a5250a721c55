/** Prefixes the pipeline writes itself; never tables. */
export const RESERVED_PREFIXES = ['_raw/', '_archive/'] as const;

/** Whether a table prefix (`name/`) may hold a table: not reserved, not excluded by config. */
export function isTablePrefix(prefix: string, exclude: readonly string[]): boolean {
  const normalized = prefix.endsWith('/') ? prefix : `${prefix}/`;
  return ![...RESERVED_PREFIXES, ...exclude].some(
    (p) => normalized === p || normalized.startsWith(p),
  );
}

/** The last path segment of a key. */
export function fileNameOf(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
}
