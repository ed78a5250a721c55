import { invalidInput } from './glue-errors.js';

/**
 * GetTables' `Expression`: "a regular expression pattern; only tables whose names match it are
 * returned". Glue matches it Hive-style: against the whole name, case-insensitively, and a `*`
 * that follows nothing it could repeat is a wildcard (`sales*` is `sales.*`), so both
 * `school_*` and `.*teacher` work as they do against Glue.
 */
export function tableNameMatcher(expression: string | undefined): (name: string) => boolean {
  if (expression === undefined || expression === '') return () => true;
  const source = expression.replace(/(?<![.)\]}\\])\*/g, '.*');
  let pattern: RegExp;
  try {
    pattern = new RegExp(`^(?:${source})$`, 'i');
  } catch {
    throw invalidInput(`Expression is not a valid regular expression: ${expression}`);
  }
  return (name) => pattern.test(name);
}
