import type { MysqlType } from './mysql-type.js';
import { columnRowBytes } from './row-size.js';
import { capacityInChars, textTypeForLength } from './string-capacity.js';
import { columnPageBytes, type WidthExcess, widthExcess } from './table-width.js';

/** A column of the table being planned, in table order. */
export interface FitColumn {
  name: string;
  type: MysqlType;
  /** The COMMENT it is written with (counts toward the table's definition size). */
  comment?: string;
  sampleMaxLength?: number;
  /** This run may (re)define the column: it is new, or a plain existing column. */
  changeable: boolean;
  /** This run writes the column's definition (ADD or MODIFY). */
  touched: boolean;
}

/** String columns whose sampled values are longer than they hold become the TEXT type that does. */
export function fitSampledLengths<T extends FitColumn>(columns: readonly T[]): T[] {
  return columns.map((column) => {
    const capacity = capacityInChars(column.type);
    const sample = column.sampleMaxLength;
    if (!column.changeable || capacity === undefined || sample === undefined) return column;
    if (sample <= capacity) return column;
    return { ...column, type: textTypeForLength(sample), touched: true };
  });
}

/** Columns fitted as far as TEXT conversions go; `excess` is the limit still passed, if any. */
export interface FittedWidth<T> {
  columns: T[];
  excess: WidthExcess | undefined;
}

/**
 * Turns VARCHAR columns into TEXT until the table fits MySQL's row-size limit and InnoDB's
 * in-page limit (table-width.ts): columns this run writes before columns it would otherwise
 * leave alone, then the longest sampled first, then from the last column backwards (the first
 * columns are the likeliest keys and filters). A conversion is made only where it shrinks the
 * size that is over: a VARCHAR past 255 bytes already lives off-page, so turning it into TEXT
 * frees row bytes but no page bytes. What no conversion can fit (too many columns, too many
 * fixed-width ones) is returned as the excess, for the caller to refuse or overflow.
 */
export function fitWidth<T extends FitColumn>(columns: readonly T[]): FittedWidth<T> {
  const fitted = [...columns];
  const excess = () =>
    widthExcess(
      fitted.map((c) => c.type),
      fitted.map((c) => ({ name: c.name, comment: c.comment })),
    );
  let over = excess();
  // No change of type shortens the column count or the names and comments.
  if (!over || over.limit === 'columns' || over.limit === 'definition') {
    return { columns: fitted, excess: over };
  }
  // Again from the top while a pass converted something: fixing the page can leave the row over.
  for (let converted = true; converted; ) {
    converted = false;
    for (const index of conversionOrder(fitted)) {
      const column = fitted[index]!;
      if (column.type.kind !== 'varchar') continue;
      const chars = Math.max(column.type.length, column.sampleMaxLength ?? 0);
      const text = textTypeForLength(chars);
      if (!shrinks(over, column.type, text)) continue;
      fitted[index] = { ...column, type: text, touched: true };
      converted = true;
      over = excess();
      if (!over) return { columns: fitted, excess: undefined };
    }
  }
  return { columns: fitted, excess: over };
}

function shrinks(over: WidthExcess, from: MysqlType, to: MysqlType): boolean {
  if (over.limit === 'definition' || over.limit === 'columns') return false;
  if (over.limit === 'page') return columnPageBytes(to) < columnPageBytes(from);
  return columnRowBytes(to) < columnRowBytes(from);
}

function conversionOrder(columns: readonly FitColumn[]): number[] {
  const candidates = columns.flatMap((column, index) =>
    column.changeable && column.type.kind === 'varchar' ? [index] : [],
  );
  return candidates.sort((a, b) => {
    const ca = columns[a]!;
    const cb = columns[b]!;
    if (ca.touched !== cb.touched) return ca.touched ? -1 : 1;
    const sampled = (cb.sampleMaxLength ?? -1) - (ca.sampleMaxLength ?? -1);
    return sampled !== 0 ? sampled : b - a;
  });
}
