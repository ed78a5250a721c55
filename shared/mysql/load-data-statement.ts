import { quoteIdentifier, quoteQualified } from './quote-identifier.js';
import { quoteString } from './quote-string.js';

export interface LoadDataSettings {
  database: string;
  table: string;
  /** The table's columns, in the file's order. */
  columns: readonly string[];
  delimiter: string;
  quote: string;
  lineBreak: '\n' | '\r\n';
  /** What an empty field becomes: NULL, or the empty string. */
  emptyAs: 'null' | 'empty';
}

/** The name mysql2 hands to infileStreamFactory; no file of that name is ever opened. */
export const INFILE_NAME = 'csv-catalog-stream';

/**
 * `LOAD DATA LOCAL INFILE` of a UTF-8 CSV whose first line is the header. ESCAPED BY '' keeps
 * backslashes byte for byte (the CSV has no escape character: a quote is doubled, which
 * OPTIONALLY ENCLOSED BY reads as one). Empty fields become NULL through a user variable,
 * the documented way (https://dev.mysql.com/doc/refman/8.0/en/load-data.html).
 */
export function loadDataStatement(settings: LoadDataSettings): string {
  const variables = settings.columns.map((_, i) => `@v${i}`);
  const target =
    settings.emptyAs === 'null'
      ? `(${variables.join(', ')}) SET ${settings.columns
          .map((column, i) => `${quoteIdentifier(column)} = NULLIF(@v${i}, '')`)
          .join(', ')}`
      : `(${settings.columns.map((column) => quoteIdentifier(column)).join(', ')})`;
  return [
    `LOAD DATA LOCAL INFILE ${quoteString(INFILE_NAME)}`,
    `INTO TABLE ${quoteQualified(settings.database, settings.table)}`,
    'CHARACTER SET utf8mb4',
    `FIELDS TERMINATED BY ${quoteString(settings.delimiter)}`,
    `OPTIONALLY ENCLOSED BY ${quoteString(settings.quote)}`,
    `ESCAPED BY ''`,
    `LINES TERMINATED BY ${quoteString(settings.lineBreak)}`,
    'IGNORE 1 LINES',
    target,
  ].join(' ');
}
