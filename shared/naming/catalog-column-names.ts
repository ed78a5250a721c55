/** Longest identifier MySQL accepts; Glue accepts more, so this is the binding limit. */
export const MAX_IDENTIFIER_LENGTH = 64;

/**
 * Turns a CSV header into catalog column names: lower-case, `[a-z0-9_]` only (other runs
 * become `_`, trimmed at the ends), `col<N>` where nothing is left (N is the 0-based
 * position, as Glue numbers columns), unique (`name`, `name_2`, …), at most 64 characters.
 */
export function catalogColumnNames(header: readonly string[]): string[] {
  const taken = new Set<string>();
  return header.map((cell, index) => {
    const base = sanitizeColumnName(cell) || `col${index}`;
    const name = uniqueName(base, taken);
    taken.add(name);
    return name;
  });
}

function sanitizeColumnName(cell: string): string {
  return cell
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_IDENTIFIER_LENGTH)
    .replace(/_+$/, '');
}

function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = `${base.slice(0, MAX_IDENTIFIER_LENGTH - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
