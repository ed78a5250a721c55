/**
 * A value of a record keyed by names from the data (tables, columns) or the config, only when
 * the record has it as its own key: `record.constructor` or `record.__proto__` never reach
 * Object.prototype. Every such lookup goes through here.
 */
export function ownEntry<T>(
  record: Readonly<Record<string, T>> | undefined,
  key: string,
): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A record built from entries as own data properties (a `__proto__` key stays a key). */
export function recordOf<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  return Object.fromEntries(entries) as Record<string, T>;
}
