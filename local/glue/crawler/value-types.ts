/** The column types the built-in CSV classifier infers. */
export type GlueValueType = 'boolean' | 'bigint' | 'double' | 'timestamp' | 'string';

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?$/;
const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

/**
 * The type one CSV value parses as, or undefined for an empty value (which says nothing about
 * its column). Integers outside 64 bits read as double, as Java's parsers would take them.
 */
export function valueType(value: string): GlueValueType | undefined {
  if (value === '') return undefined;
  if (INTEGER.test(value)) {
    const parsed = BigInt(value);
    return parsed <= INT64_MAX && parsed >= INT64_MIN ? 'bigint' : 'double';
  }
  if (DECIMAL.test(value) && Number.isFinite(Number(value))) return 'double';
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === 'false') return 'boolean';
  if (TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value.replace(' ', 'T')))) {
    return 'timestamp';
  }
  return 'string';
}

/** The narrowest type both values fit: bigint and double widen to double, any other mix to string. */
export function widen(
  a: GlueValueType | undefined,
  b: GlueValueType | undefined,
): GlueValueType | undefined {
  if (a === undefined) return b;
  if (b === undefined || a === b) return a;
  if ((a === 'bigint' && b === 'double') || (a === 'double' && b === 'bigint')) return 'double';
  return 'string';
}
