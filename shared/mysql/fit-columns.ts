import { RdsSchemaInvalid } from '../errors.js';
import type { MysqlType } from './mysql-type.js';
import { ROW_SIZE_BUDGET, ROW_SIZE_LIMIT, tableRowBytes } from './row-size.js';
import { capacityInChars, textTypeForLength } from './string-capacity.js';

/** A column of the table being planned, in table order. */
export interface FitColumn {
  name: string;
  type: MysqlType;
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

/**
 * Turns VARCHAR columns into TEXT until the row fits MySQL's row-size limit: columns this run
 * writes before columns it would otherwise leave alone, then the longest sampled first, then
 * from the last column backwards (the first columns are the likeliest keys and filters).
 */
export function fitRowSize<T extends FitColumn>(
  table: string,
  columns: readonly T[],
  budget = ROW_SIZE_BUDGET,
): T[] {
  const fitted = [...columns];
  const size = () => tableRowBytes(fitted.map((c) => c.type));
  if (size() <= budget) return fitted;
  for (const index of conversionOrder(fitted)) {
    const column = fitted[index]!;
    if (column.type.kind !== 'varchar') continue;
    const chars = Math.max(column.type.length, column.sampleMaxLength ?? 0);
    fitted[index] = { ...column, type: textTypeForLength(chars), touched: true };
    if (size() <= budget) return fitted;
  }
  throw new RdsSchemaInvalid(
    `table ${table}: rows would take ${size()} bytes even with every changeable VARCHAR as TEXT; MySQL allows ${ROW_SIZE_LIMIT}`,
  );
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
