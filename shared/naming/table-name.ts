import type { Config } from '../config/config-schema.js';
import { NamingError } from '../errors.js';
import { MAX_FILE_NAME_BYTES, mysqlFileNameBytes } from '../mysql/quote-identifier.js';
import { MAX_IDENTIFIER_LENGTH, normalizeName } from './catalog-name.js';

export interface TableName {
  table: string;
  /** The dump's timestamp, digits only (`202508291511`, `20250901`); absent when the name has none. */
  snapshot?: string;
}

/** A trailing timestamp: 8–14 digits or YYYY-MM-DD, after `_`, `-` or a space. */
const TRAILING_TIMESTAMP = /([_\- ])(\d{8,14}|\d{4}-\d{2}-\d{2})$/;
const CSV_EXTENSION = /\.csv$/i;

type NamingRule = Config['naming']['rules'][number];

/**
 * Derives the table (and snapshot) a dropped file belongs to from its file name.
 * Configured rules are tried first, in order: a rule whose pattern matches gives its literal
 * `table`, or else its named group `table` (a rule whose group did not take part is skipped);
 * the snapshot is its named group `snapshot`, or, for a literal table without that group, the
 * file name's trailing timestamp. Then the default rule: drop `.csv` and a trailing timestamp.
 * Either way the name goes through `normalizeName` (as column names do), gets `t_` before a
 * leading digit, and is at most 64 characters (fewer where MySQL's file name needs it); a name that leaves nothing is refused with a
 * rule to paste into the config.
 */
export function deriveTableName(fileName: string, rules: readonly NamingRule[] = []): TableName {
  const stem = fileName.replace(CSV_EXTENSION, '');
  const timestamp = TRAILING_TIMESTAMP.exec(stem);
  const trailingSnapshot = timestamp?.[2]?.replace(/-/g, '');
  for (const rule of rules) {
    const match = new RegExp(rule.pattern, rule.flags).exec(fileName);
    if (!match) continue;
    const table = rule.table ?? match.groups?.table;
    if (table === undefined) continue;
    const group = match.groups?.snapshot?.replace(/\D/g, '');
    const snapshot = rule.table !== undefined && group === undefined ? trailingSnapshot : group;
    return withSnapshot(tableNameOf(fileName, table, rule.pattern), snapshot);
  }
  const base = timestamp ? stem.slice(0, timestamp.index) : stem;
  const suggested = timestamp
    ? `^${escapeRegExp(base + timestamp[1])}`
    : `^${escapeRegExp(fileName)}$`;
  return withSnapshot(tableNameOf(fileName, base, undefined, suggested), trailingSnapshot);
}

function withSnapshot(table: string, snapshot: string | undefined): TableName {
  return snapshot ? { table, snapshot } : { table };
}

/** The catalog table name for `raw`, text a rule or the default rule took from `fileName`. */
function tableNameOf(
  fileName: string,
  raw: string,
  rulePattern: string | undefined,
  suggestedPattern = `^${escapeRegExp(fileName)}$`,
): string {
  const name = normalizeName(raw);
  if (name === '') {
    const source =
      rulePattern === undefined
        ? 'nothing is left after dropping the extension, the timestamp and every character other than letters, digits and _'
        : `the naming rule ${JSON.stringify(rulePattern)} gave ${JSON.stringify(raw)}, which has no letters or digits`;
    throw new NamingError(
      fileName,
      `the file name gives no table name (${source}); rename the file, or add a naming rule to the config (csv-catalog.config.yml or the file given with --config): naming: { rules: [ { pattern: ${JSON.stringify(suggestedPattern)}, table: "<a table name>" } ] }`,
    );
  }
  const prefixed = /^\p{N}/u.test(name) ? `t_${name}` : name;
  return fitMysqlTableName(prefixed.slice(0, MAX_IDENTIFIER_LENGTH)).replace(/_+$/, '');
}

/**
 * MySQL also keeps a table as a file whose name encodes most non-Latin letters in 5 bytes, so a
 * Korean table name fits in 50 characters, not 64: cut it here rather than fail at SyncRdsDdl.
 */
function fitMysqlTableName(name: string): string {
  const chars = [...name];
  while (mysqlFileNameBytes(chars.join('')) > MAX_FILE_NAME_BYTES.table) chars.pop();
  return chars.join('');
}

/** `text` as a regular expression that matches exactly it. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
