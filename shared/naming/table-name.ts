import type { Config } from '../config/config-schema.js';
import { NamingError } from '../errors.js';
import { MAX_IDENTIFIER_LENGTH } from './catalog-column-names.js';

export interface TableName {
  table: string;
  /** The dump's timestamp, digits only (`202508291511`, `20250901`); absent when the name has none. */
  snapshot?: string;
}

/** A trailing timestamp: 8–14 digits or YYYY-MM-DD, after `_`, `-` or a space. */
const TRAILING_TIMESTAMP = /[_\- ](\d{8,14}|\d{4}-\d{2}-\d{2})$/;
const CSV_EXTENSION = /\.csv$/i;

/**
 * Derives the table (and snapshot) a dropped file belongs to from its file name.
 * Configured rules (a regex with a named group `table`, optionally `snapshot`) are tried
 * first; then the default rule: drop `.csv` and a trailing timestamp, lower-case, runs of
 * other characters become `_`, `t_` before a leading digit, at most 64 characters.
 */
export function deriveTableName(
  fileName: string,
  rules: Config['naming']['rules'] = [],
): TableName {
  for (const rule of rules) {
    const match = new RegExp(rule.pattern, rule.flags).exec(fileName);
    const table = match?.groups?.table;
    if (table === undefined) continue;
    const snapshot = match?.groups?.snapshot;
    return withSnapshot(sanitizeTableName(fileName, table), snapshot?.replace(/\D/g, ''));
  }
  const stem = fileName.replace(CSV_EXTENSION, '');
  const timestamp = TRAILING_TIMESTAMP.exec(stem);
  const base = timestamp ? stem.slice(0, timestamp.index) : stem;
  return withSnapshot(sanitizeTableName(fileName, base), timestamp?.[1]?.replace(/-/g, ''));
}

function withSnapshot(table: string, snapshot: string | undefined): TableName {
  return snapshot ? { table, snapshot } : { table };
}

function sanitizeTableName(fileName: string, raw: string): string {
  let name = raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (name === '') {
    throw new NamingError(
      fileName,
      'the file name gives no table name (nothing is left after dropping the extension, the timestamp and characters other than a-z, 0-9 and _); rename the file or add a naming rule',
    );
  }
  if (/^\d/.test(name)) name = `t_${name}`;
  return name.slice(0, MAX_IDENTIFIER_LENGTH).replace(/_+$/, '');
}

/**
 * Orders snapshots: compares digit strings after padding to 14 digits, so a date-only
 * `20250901` sorts before any time on that day.
 */
export function compareSnapshots(a: string, b: string): number {
  const pa = a.padEnd(14, '0');
  const pb = b.padEnd(14, '0');
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}
