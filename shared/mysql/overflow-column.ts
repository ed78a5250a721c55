import { RdsSchemaInvalid } from '../errors.js';
import { mysqlColumnComment } from './column-comment.js';
import { type DesiredColumn, foldName } from './desired-columns.js';

/**
 * The JSON column that holds a table's catalog columns past MySQL's width limits
 * (`rds.tables.<table>.overflow: json`), one object keyed by catalog column name. Catalog names
 * never start with `_` (shared/naming), so it cannot meet a catalog column of that name.
 */
export const OVERFLOW_COLUMN = '_overflow';

export function isOverflowColumn(name: string): boolean {
  return foldName(name) === foldName(OVERFLOW_COLUMN);
}

/**
 * The overflow column as the plan wants it: JSON, its COMMENT naming the catalog columns it
 * holds (in catalog order, as a JSON array so that no name can blur into the next; a list past
 * MySQL's 1,024 characters is cut, ending in `…`).
 */
export function overflowColumn(name: string, held: readonly DesiredColumn[]): DesiredColumn {
  const names = held.map((d) => d.name);
  return {
    name,
    type: { kind: 'json' },
    comment: mysqlColumnComment(
      `csv-catalog: catalog columns past MySQL's width limits, as one JSON object by name: ${JSON.stringify(names)}`,
    ),
  };
}

/** A catalog column of the overflow column's own name would be hidden by it: refused. */
export function assertNoOverflowName(desired: readonly DesiredColumn[]): void {
  const clash = desired.find((d) => isOverflowColumn(d.name));
  if (clash) {
    throw new RdsSchemaInvalid(
      `catalog column ${JSON.stringify(clash.name)} has the name csv-catalog gives the JSON column of columns past MySQL's limits (rds.tables.<table>.overflow); rename it in the catalog`,
    );
  }
}
