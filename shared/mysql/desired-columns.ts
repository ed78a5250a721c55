import { RdsSchemaInvalid } from '../errors.js';
import type { CatalogColumn, TypeMapOverrides } from './catalog-column.js';
import { mysqlColumnComment } from './column-comment.js';
import { mysqlTypeForColumn } from './glue-type-map.js';
import type { CreatableType } from './mysql-type.js';
import { assertIdentifier } from './quote-identifier.js';

/** A catalog column as MySQL should have it, before row-size fitting. */
export interface DesiredColumn {
  name: string;
  type: CreatableType;
  /** The COMMENT MySQL is to hold, as it stores it ('' for none). */
  comment: string;
  /** The longest value seen, in characters, when the caller sampled the data. */
  sampleMaxLength?: number;
}

/**
 * Checks every name and type of the catalog and maps it, so that a bad header or type fails
 * before any statement runs. MySQL compares column names case-insensitively: so does this.
 */
export function desiredColumns(
  columns: readonly CatalogColumn[],
  sampleMaxLengths: Readonly<Record<string, number>> = {},
  typeMap: TypeMapOverrides = {},
): DesiredColumn[] {
  if (columns.length === 0) throw new RdsSchemaInvalid('the catalog table has no columns');
  const seen = new Map<string, string>();
  const samples = sampleLookup(sampleMaxLengths);
  return columns.map((column) => {
    assertIdentifier(column.name, 'column');
    const folded = foldName(column.name);
    const earlier = seen.get(folded);
    if (earlier !== undefined) {
      throw new RdsSchemaInvalid(
        `columns ${JSON.stringify(earlier)} and ${JSON.stringify(column.name)} are the same name to MySQL`,
      );
    }
    seen.set(folded, column.name);
    const desired: DesiredColumn = {
      name: column.name,
      type: mysqlTypeForColumn(column, typeMap),
      comment: mysqlColumnComment(column.comment),
    };
    const sample = samples(column.name);
    if (sample !== undefined) desired.sampleMaxLength = checkedSample(column.name, sample);
    return desired;
  });
}

/** Column names as MySQL compares them (case-insensitively). */
export function foldName(name: string): string {
  return name.toLowerCase();
}

/**
 * By exact name, else as MySQL compares names: Glue lower-cases what CSV headers spell. Maps
 * of own entries only: a column named `constructor` or `__proto__` finds its own sample or none.
 */
function sampleLookup(lengths: Readonly<Record<string, number>>) {
  const entries = Object.entries(lengths);
  const exact = new Map(entries);
  const folded = new Map(entries.map(([name, n]) => [foldName(name), n]));
  return (name: string): number | undefined => exact.get(name) ?? folded.get(foldName(name));
}

function checkedSample(column: string, sample: number): number {
  if (!Number.isInteger(sample) || sample < 0) {
    throw new RdsSchemaInvalid(
      `sample max length for column ${JSON.stringify(column)} must be a whole number ≥ 0, not ${sample}`,
    );
  }
  return sample;
}
