import { MAX_IDENTIFIER_LENGTH, normalizeName } from './catalog-name.js';

export { MAX_IDENTIFIER_LENGTH } from './catalog-name.js';

/** `naming.columns` in the config: every script (the default), or ASCII only. */
export type ColumnNaming = 'unicode' | 'ascii';

/**
 * Turns a CSV header into catalog column names, one per cell, in order: each cell by
 * `normalizeName` (in mode 'ascii', a cell that keeps any non-ASCII character counts as empty),
 * `col<N>` where nothing is left (N is the 0-based position, as Glue numbers columns), made
 * unique in order (`name`, `name_2`, …), at most 64 characters.
 */
export function catalogColumnNames(
  header: readonly string[],
  mode: ColumnNaming = 'unicode',
): string[] {
  const taken = new Set<string>();
  return header.map((cell, index) => {
    const base = cellName(cell, mode) || `col${index}`;
    const name = uniqueName(base, taken);
    taken.add(name);
    return name;
  });
}

function cellName(cell: string, mode: ColumnNaming): string {
  if (mode === 'unicode') return normalizeName(cell);
  // NFKC first, so full-width Latin letters and digits count as the ASCII they stand for.
  const name = normalizeName(cell.normalize('NFKC'));
  return /^[\x20-\x7e]*$/.test(name) ? name : '';
}

function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = `${base.slice(0, MAX_IDENTIFIER_LENGTH - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
