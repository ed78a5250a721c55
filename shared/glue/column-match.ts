import type { FileHeader } from './column-names.js';

/** Which catalog column holds which header column, and what is left on either side. */
export interface ColumnMatch {
  /** Header position → index of the catalog column that holds it. */
  byHeader: Map<number, number>;
  /** Header positions no catalog column holds: columns the table lacks. */
  newHeaderColumns: number[];
  /** Catalog column indexes that hold no header column: columns the file lacks. */
  unmatchedColumns: number[];
}

const GLUE_POSITIONAL_NAME = /^col(\d+)$/;

/**
 * Matches a catalog table's columns to a file's header, in four passes:
 * 0. by position, where the column's name is the crawler's spelling of the header cell at that
 *    position (so a table crawled from this file's header has exactly its columns, whatever the
 *    crawler made of blank and repeated cells);
 * 1. by name — the final name, the header's catalog name, or the header cell lower-cased and
 *    trimmed as the crawler names it;
 * 2. Glue's positional names — `colN` is header column N (an all-string file crawled without
 *    a header);
 * 3. by position, only for Glue's positional names left over (the crawler missed the header of a
 *    file of this shape) and only when the table has exactly as many columns as the header.
 *
 * Two real names are never paired by position: a header that drops `old_col` and brings
 * `new_col` at its place adds `new_col` and keeps `old_col` (new columns are added, missing ones
 * kept), rather than renaming one into the other.
 */
export function matchColumns(
  columnNames: readonly string[],
  header: FileHeader,
  finalNames: readonly string[],
): ColumnMatch {
  const byHeader = new Map<number, number>();
  const taken = new Set<number>();
  const assign = (headerIndex: number, columnIndex: number) => {
    byHeader.set(headerIndex, columnIndex);
    taken.add(columnIndex);
  };
  const spelled = crawlerSpelling(header);
  columnNames.forEach((name, column) => {
    if (column < header.catalog.length && spelled(name, column)) assign(column, column);
  });
  const keys = header.catalog.map(
    (catalog, i) =>
      new Set(
        [finalNames[i], catalog, header.original[i]?.trim()].map((k) => (k ?? '').toLowerCase()),
      ),
  );
  columnNames.forEach((name, column) => {
    if (taken.has(column)) return;
    const wanted = name.toLowerCase();
    const index = keys.findIndex((set, i) => !byHeader.has(i) && set.has(wanted));
    if (index >= 0) assign(index, column);
  });
  columnNames.forEach((name, column) => {
    const position = GLUE_POSITIONAL_NAME.exec(name.toLowerCase())?.[1];
    const index = position === undefined ? -1 : Number(position);
    if (taken.has(column) || index >= header.catalog.length || byHeader.has(index)) return;
    if (index >= 0) assign(index, column);
  });
  if (columnNames.length === header.catalog.length) {
    columnNames.forEach((name, column) => {
      if (taken.has(column) || byHeader.has(column)) return;
      if (GLUE_POSITIONAL_NAME.test(name.toLowerCase())) assign(column, column);
    });
  }
  return {
    byHeader,
    newHeaderColumns: header.catalog.map((_, i) => i).filter((i) => !byHeader.has(i)),
    unmatchedColumns: columnNames.map((_, i) => i).filter((i) => !taken.has(i)),
  };
}

/**
 * Whether a column name is how Glue's crawler names header cell `index`: the cell trimmed and
 * lower-cased, `col<index>` when it is blank (or when the crawler took no header), and a
 * repeated name with `_<digits>` after it (the crawler numbers repeats `_1`, `_2`, …).
 */
function crawlerSpelling(header: FileHeader): (name: string, index: number) => boolean {
  const bases = header.catalog.map(
    (_, i) => (header.original[i] ?? '').trim().toLowerCase() || `col${i}`,
  );
  const counts = new Map<string, number>();
  for (const base of bases) counts.set(base, (counts.get(base) ?? 0) + 1);
  return (name, index) => {
    const wanted = name.toLowerCase();
    const base = bases[index] ?? '';
    if (wanted === base || wanted === `col${index}`) return true;
    const repeated = (counts.get(base) ?? 0) > 1;
    return repeated && wanted.startsWith(`${base}_`) && /^\d+$/.test(wanted.slice(base.length + 1));
  };
}
