import { createHash } from 'node:crypto';
import {
  MAX_FILE_NAME_BYTES,
  MAX_IDENTIFIER_LENGTH,
  mysqlFileNameBytes,
} from './quote-identifier.js';

/**
 * A deterministic companion name for a table (`<table>__load_<hash>`), so a redrive finds the
 * staging table an earlier run left. `load` names one load (the file's key and snapshot): two
 * loads of one table at once stage apart. The table's name is shortened until the whole fits
 * in 64 characters and in MySQL's file-name bytes; the hash of the full name (and the load)
 * keeps two long names that share a prefix apart.
 */
export function companionTableName(table: string, role: 'load' | 'old', load?: string): string {
  const hash = createHash('sha256')
    .update(load === undefined ? table : `${table}\0${load}`)
    .digest('hex')
    .slice(0, 8);
  const suffix = `__${role}_${hash}`;
  const chars = [...table];
  let kept = Math.min(chars.length, MAX_IDENTIFIER_LENGTH - suffix.length);
  const fits = (n: number) =>
    mysqlFileNameBytes(chars.slice(0, n).join('') + suffix) <= MAX_FILE_NAME_BYTES.table &&
    chars.slice(0, n).join('').length + suffix.length <= MAX_IDENTIFIER_LENGTH;
  while (kept > 0 && !fits(kept)) kept--;
  return chars.slice(0, kept).join('').trimEnd() + suffix;
}
