import { foldName } from '../mysql/desired-columns.js';

/** A column as one side (the catalog or MySQL) has it. */
export interface SideColumn {
  name: string;
  type: string;
  /** '' for none. */
  comment: string;
}

/** One line of the side-by-side view: a column on both sides, or on one side only. */
export interface ColumnPair {
  catalog?: SideColumn;
  mysql?: SideColumn;
}

/**
 * The catalog's columns and MySQL's side by side, matched by name as MySQL compares names
 * (case-insensitively): catalog order first, then MySQL's columns the catalog lacks, in MySQL's
 * order. A column on one side only has the other side undefined.
 */
export function pairColumns(
  catalog: readonly SideColumn[],
  mysql: readonly SideColumn[],
): ColumnPair[] {
  const mysqlByName = new Map(mysql.map((column) => [foldName(column.name), column]));
  const paired = new Set<string>();
  const pairs: ColumnPair[] = catalog.map((column) => {
    const key = foldName(column.name);
    const match = mysqlByName.get(key);
    if (!match) return { catalog: column };
    paired.add(key);
    return { catalog: column, mysql: match };
  });
  for (const column of mysql) {
    if (!paired.has(foldName(column.name))) pairs.push({ mysql: column });
  }
  return pairs;
}

/**
 * Why MySQL's columns are not the ones it should mirror, by name and order; undefined when they
 * agree. `mirrored` lists the catalog columns MySQL mirrors (`rds.tables.<t>.columns`), absent
 * for all of them.
 */
export function columnDisagreement(
  catalog: readonly SideColumn[],
  mysql: readonly SideColumn[],
  mirrored?: readonly string[],
): string | undefined {
  const wanted = mirrored && new Set(mirrored.map(foldName));
  const expected = catalog
    .map((c) => c.name)
    .filter((name) => !wanted || wanted.has(foldName(name)));
  const actual = mysql.map((c) => c.name);
  const missing = expected.filter((n) => !actual.some((a) => foldName(a) === foldName(n)));
  const extra = actual.filter((n) => !expected.some((e) => foldName(e) === foldName(n)));
  const parts: string[] = [];
  if (missing.length) parts.push(`not in MySQL: ${missing.join(', ')}`);
  if (extra.length) parts.push(`not in the catalog: ${extra.join(', ')}`);
  if (parts.length) return parts.join('; ');
  const sameOrder = expected.every((name, i) => foldName(name) === foldName(actual[i] ?? ''));
  return sameOrder ? undefined : 'the same columns in another order';
}
