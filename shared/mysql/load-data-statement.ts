import type { FieldTarget } from './load-field-map.js';
import { OVERFLOW_COLUMN } from './overflow-column.js';
import { quoteIdentifier, quoteQualified } from './quote-identifier.js';
import { quoteString } from './quote-string.js';

export interface LoadDataSettings {
  database: string;
  table: string;
  /** Where each field of the file goes, in file order (load-field-map.ts). */
  targets?: readonly FieldTarget[];
  /** Shorthand: the table's columns, one per field, in the file's order. */
  columns?: readonly string[];
  delimiter: string;
  quote: string;
  lineBreak: '\n' | '\r\n';
  /** What an empty field becomes: NULL, or the empty string. */
  emptyAs: 'null' | 'empty';
  /** The bytes start with the header line (a load's first chunk): skip it. Default true. */
  skipHeader?: boolean;
}

/** The name mysql2 hands to infileStreamFactory; no file of that name is ever opened. */
export const INFILE_NAME = 'csv-catalog-stream';

/**
 * `LOAD DATA LOCAL INFILE` of a UTF-8 CSV. ESCAPED BY '' keeps backslashes byte for byte (the
 * CSV has no escape character: a quote is doubled, which OPTIONALLY ENCLOSED BY reads as one).
 * Empty fields become NULL through a user variable, the documented way
 * (https://dev.mysql.com/doc/refman/8.0/en/load-data.html); a field MySQL does not mirror is
 * read into a user variable and dropped; fields kept in the overflow column become one JSON
 * object keyed by catalog name.
 */
export function loadDataStatement(settings: LoadDataSettings): string {
  const targets: readonly FieldTarget[] =
    settings.targets ??
    (settings.columns ?? []).map((column) => ({ kind: 'column' as const, column }));
  const nullIfEmpty = settings.emptyAs === 'null';
  const value = (i: number) => (nullIfEmpty ? `NULLIF(@v${i}, '')` : `@v${i}`);
  const read = targets.map((target, i) =>
    target.kind === 'column' && !nullIfEmpty ? quoteIdentifier(target.column) : `@v${i}`,
  );
  const assignments = targets.flatMap((target, i) =>
    target.kind === 'column' && nullIfEmpty
      ? [`${quoteIdentifier(target.column)} = ${value(i)}`]
      : [],
  );
  const overflow = targets.flatMap((target, i) =>
    target.kind === 'overflow' ? [`${quoteString(target.key)}, ${value(i)}`] : [],
  );
  if (overflow.length > 0) {
    assignments.push(`${quoteIdentifier(OVERFLOW_COLUMN)} = JSON_OBJECT(${overflow.join(', ')})`);
  }
  return [
    `LOAD DATA LOCAL INFILE ${quoteString(INFILE_NAME)}`,
    `INTO TABLE ${quoteQualified(settings.database, settings.table)}`,
    'CHARACTER SET utf8mb4',
    `FIELDS TERMINATED BY ${quoteString(settings.delimiter)}`,
    `OPTIONALLY ENCLOSED BY ${quoteString(settings.quote)}`,
    `ESCAPED BY ''`,
    `LINES TERMINATED BY ${quoteString(settings.lineBreak)}`,
    ...(settings.skipHeader === false ? [] : ['IGNORE 1 LINES']),
    `(${read.join(', ')})`,
    ...(assignments.length > 0 ? [`SET ${assignments.join(', ')}`] : []),
  ].join(' ');
}
