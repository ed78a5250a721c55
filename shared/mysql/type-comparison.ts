import type { MysqlType } from './mysql-type.js';
import { renderMysqlType } from './mysql-type.js';
import { capacityInChars } from './string-capacity.js';

/**
 * How an existing MySQL column relates to the type the catalog now asks for:
 * - same: nothing to do (including a TEXT column where a VARCHAR is asked: TEXT is the
 *   planner's own fallback for row size and long values, not a schema difference);
 * - widen: the asked type holds every value of the existing one: MODIFY is safe;
 * - narrower: the existing type already holds everything asked: kept, never narrowed;
 * - different: neither holds the other (INT vs VARCHAR, DATE vs TIMESTAMP): kept.
 */
export type TypeComparison = 'same' | 'widen' | 'narrower' | 'different';

export function compareTypes(existing: MysqlType, desired: MysqlType): TypeComparison {
  if (renderMysqlType(existing) === renderMysqlType(desired)) return 'same';
  const desiredHolds = holds(desired, existing);
  const existingHolds = holds(existing, desired);
  if (desiredHolds && existingHolds) return 'same';
  if (desiredHolds) return 'widen';
  if (!existingHolds) return 'different';
  const fallback =
    existing.kind === 'text' && (desired.kind === 'varchar' || desired.kind === 'text');
  return fallback ? 'same' : 'narrower';
}

/** Whether every value of type `b` fits, unchanged, in type `a`. */
export function holds(a: MysqlType, b: MysqlType): boolean {
  const ra = integerRange(a);
  const rb = integerRange(b);
  if (ra && rb) return ra[0] <= rb[0] && ra[1] >= rb[1];
  if (a.kind === 'decimal' && b.kind === 'decimal') {
    return a.scale >= b.scale && a.precision - a.scale >= b.precision - b.scale;
  }
  if (a.kind === 'double') return b.kind === 'double' || b.kind === 'float';
  if (a.kind === 'float') return b.kind === 'float';
  if (a.kind === 'datetime') return b.kind === 'date' || (b.kind === 'datetime' && a.fsp >= b.fsp);
  if (a.kind === 'timestamp') return b.kind === 'timestamp' && a.fsp >= b.fsp;
  if (a.kind === 'date') return b.kind === 'date';
  // JSON is MariaDB's LONGTEXT with a validity check: each holds the other's values.
  if (a.kind === 'json') return b.kind === 'json' || (b.kind === 'text' && b.name === 'LONGTEXT');
  if (b.kind === 'json') return a.kind === 'text' && a.name === 'LONGTEXT';
  return holdsString(a, b);
}

function holdsString(a: MysqlType, b: MysqlType): boolean {
  const ca = capacityInChars(a);
  const cb = capacityInChars(b);
  if (ca === undefined || cb === undefined)
    return a.kind === 'other' && b.kind === 'other' && a.sql === b.sql;
  // CHAR pads and trims trailing spaces: it holds only CHAR values.
  if (a.kind === 'char' && b.kind !== 'char') return false;
  return ca >= cb;
}

const integerBits = { TINYINT: 8n, SMALLINT: 16n, MEDIUMINT: 24n, INT: 32n, BIGINT: 64n } as const;

function integerRange(type: MysqlType): [bigint, bigint] | undefined {
  if (type.kind === 'boolean') return [-128n, 127n]; // BOOLEAN is TINYINT(1)
  if (type.kind !== 'integer') return undefined;
  const bits = integerBits[type.name];
  if (type.unsigned) return [0n, 2n ** bits - 1n];
  return [-(2n ** (bits - 1n)), 2n ** (bits - 1n) - 1n];
}
