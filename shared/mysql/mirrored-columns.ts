import { RdsSchemaInvalid } from '../errors.js';
import type { KeptColumn } from './ddl-result.js';
import { type DesiredColumn, foldName } from './desired-columns.js';

/**
 * The catalog columns MySQL mirrors: all of them, or those `rds.tables.<table>.columns` lists,
 * in catalog order (names compared as MySQL compares them). A listed name the catalog lacks is
 * reported as kept, not fatal: a later snapshot may have dropped the column; a list that names
 * none of the catalog's columns is refused.
 */
export function mirroredColumns(
  table: string,
  desired: readonly DesiredColumn[],
  listed: readonly string[] | undefined,
): { desired: DesiredColumn[]; kept: KeptColumn[] } {
  if (listed === undefined) return { desired: [...desired], kept: [] };
  const wanted = new Set(listed.map(foldName));
  const selected = desired.filter((d) => wanted.has(foldName(d.name)));
  const inCatalog = new Set(desired.map((d) => foldName(d.name)));
  const kept = listed
    .filter((name) => !inCatalog.has(foldName(name)))
    .map((column) => ({
      column,
      reason: `listed in rds.tables.${table}.columns but not in the catalog; not mirrored`,
    }));
  if (selected.length === 0) {
    throw new RdsSchemaInvalid(
      `rds.tables.${table}.columns names none of the catalog's columns (${desired
        .slice(0, 10)
        .map((d) => d.name)
        .join(', ')}${desired.length > 10 ? ', …' : ''})`,
    );
  }
  return { desired: selected, kept };
}
