import { RdsLoadRejected } from '../errors.js';
import type { CatalogColumn } from './catalog-column.js';
import { foldName } from './desired-columns.js';
import { isOverflowColumn, OVERFLOW_COLUMN } from './overflow-column.js';
import type { MirrorSettings } from './sync-table-ddl.js';

/** Where one field of the file goes. */
export type FieldTarget =
  /** Into the MySQL column of that name. */
  | { kind: 'column'; column: string }
  /** Into the overflow JSON column, under this key (the catalog name). */
  | { kind: 'overflow'; key: string }
  /** Nowhere: MySQL does not mirror it. */
  | { kind: 'skip' };

export interface FieldMapInput {
  /** The file, named in refusals. */
  key: string;
  database: string;
  table: string;
  /** Final catalog name of each field, in file order. */
  fields: readonly string[];
  /** The MySQL table's columns. */
  columns: readonly string[];
  catalog?: { columns: readonly CatalogColumn[]; mirror?: MirrorSettings | undefined } | undefined;
}

/**
 * Maps each field of the file to its place by name, not position: the MySQL column of that
 * name (as MySQL compares names), else — when the table has the overflow column — a key of its
 * JSON object if the name is a mirrored catalog column, else nowhere. Columns the file lacks
 * keep their default. A repeated name, or a file none of whose fields has a place, is refused.
 */
export function mapFields(input: FieldMapInput): FieldTarget[] {
  const { key, database, table, fields } = input;
  const byName = new Map(input.columns.map((column) => [foldName(column), column]));
  const hasOverflow = input.columns.some(isOverflowColumn);
  const mirrored = mirroredNames(input.catalog);
  const seen = new Set<string>();
  const targets = fields.map((field): FieldTarget => {
    const folded = foldName(field);
    if (seen.has(folded)) {
      throw new RdsLoadRejected(
        `${key}: the field ${JSON.stringify(field)} occurs twice in the file's header (names as MySQL compares them); ${database}.${table} cannot take it twice`,
      );
    }
    seen.add(folded);
    if (isOverflowColumn(field)) {
      throw new RdsLoadRejected(
        `${key}: the field ${JSON.stringify(field)} has the name of csv-catalog's JSON column ${OVERFLOW_COLUMN}; rename it in the catalog`,
      );
    }
    const column = byName.get(folded);
    if (column !== undefined) return { kind: 'column', column };
    if (hasOverflow && (mirrored === undefined || mirrored.has(folded))) {
      return { kind: 'overflow', key: field };
    }
    return { kind: 'skip' };
  });
  if (!targets.some((target) => target.kind !== 'skip')) {
    throw new RdsLoadRejected(
      `${key}: none of the file's fields (${fields.slice(0, 10).join(', ')}${fields.length > 10 ? ', …' : ''}) is a column of ${database}.${table}: nothing to load`,
    );
  }
  return targets;
}

/** Folded names of the mirrored catalog columns; undefined: any name (no catalog given). */
function mirroredNames(catalog: FieldMapInput['catalog']): Set<string> | undefined {
  if (!catalog) return undefined;
  const listed = catalog.mirror?.columns;
  const wanted = listed === undefined ? undefined : new Set(listed.map(foldName));
  return new Set(
    catalog.columns
      .map((column) => foldName(column.name))
      .filter((name) => wanted === undefined || wanted.has(name)),
  );
}
