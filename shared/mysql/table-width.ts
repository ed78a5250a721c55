import type { MysqlType } from './mysql-type.js';
import { BYTES_PER_CHAR, numericBytes, ROW_SIZE_BUDGET, tableRowBytes } from './row-size.js';

/*
 * InnoDB's own limits on a table's width, beyond MySQL's 65,535-byte row (row-size.ts):
 *
 * - At most 1,017 columns per table (MySQL "InnoDB Limits",
 *   https://dev.mysql.com/doc/refman/8.0/en/innodb-limits.html; MariaDB the same).
 * - A row's in-page part must stay under half a 16 KB page: "Row size too large (> 8126)"
 *   (https://dev.mysql.com/doc/refman/8.0/en/column-count-limit.html: "slightly less than half
 *   a page"). With ROW_FORMAT=DYNAMIC (the default) a column that may go off-page keeps a
 *   20-byte pointer in the page: TEXT, BLOB and JSON always, VARCHAR and CHAR only when their
 *   longest value passes 255 bytes ("For VARBINARY and VARCHAR columns, only values longer than
 *   255 bytes are considered for storage on overflow pages",
 *   https://mariadb.com/kb/en/innodb-dynamic-row-format; "Troubleshooting Row Size Too Large
 *   Errors with InnoDB", https://mariadb.com/kb/en/troubleshooting-row-size-too-large-errors-with-innodb).
 *   Every other column is counted whole. With innodb_strict_mode ON (the default on MariaDB
 *   10.11, MySQL 8 and RDS) CREATE and ALTER check the worst case and refuse the table.
 *
 * The count below reproduces MariaDB 10.11's check exactly (strict mode, DYNAMIC, 16 KB pages;
 * measured): 383 TEXT columns are created, 384 refused; 32 VARCHAR(63) / 33; 473 VARCHAR(4) /
 * 474; 196 CHAR(10) / 197; 997 BIGINT / 998; 200 VARCHAR(64) + 477 BIGINT / + 478; 996 BIGINT +
 * DOUBLE (8,125 bytes) created, 996 BIGINT + VARCHAR(2) (8,126 bytes) refused.
 * A table given an invisible primary key by MySQL 8.0.30+'s sql_generate_invisible_primary_key
 * (off by default, on RDS too) would count 2 bytes more.
 */

/*
 * The table's definition: MariaDB (and MySQL before 8.0) keeps it in a .frm file whose column
 * section must fit in 64 KB ("Limits Imposed by .frm File Structure",
 * https://dev.mysql.com/doc/refman/5.7/en/column-count-limit.html: 17 bytes a column plus the
 * names and comments, in utf8mb3). Measured on MariaDB 10.11 ("Table definition is too large"):
 * a column takes 19 bytes plus its name's UTF-8 bytes, plus its comment's and 2 when it has one;
 * 322 columns of 64-character Korean names (203 bytes each: 65,366) are created, 323 refused;
 * 170 columns with 300-byte comments (385 bytes each: 65,450) created, 171 refused. The limit
 * below is the largest total seen to work: stricter than the server by at most 118 bytes.
 */
export const DEFINITION_LIMIT = 65_450;

/** A column's name and comment, as they count toward the table's definition. */
export interface ColumnText {
  name: string;
  comment?: string;
}

/** Bytes the columns' names and comments take in the table's definition (see above). */
export function tableDefinitionBytes(columns: readonly ColumnText[]): number {
  return columns.reduce((sum, column) => {
    const comment = column.comment ? Buffer.byteLength(column.comment) + 2 : 0;
    return sum + 19 + Buffer.byteLength(column.name) + comment;
  }, 0);
}

/** InnoDB's limit on columns per table. */
export const MAX_COLUMNS = 1017;

/** The in-page part of a row must be smaller than this (half a 16 KB page, less its headers). */
export const PAGE_ROW_LIMIT = 8126;

/** A column stored off-page: its 20-byte pointer and a length byte. */
export const OFF_PAGE_COLUMN_BYTES = 21;

/** The record header (5 bytes) and the hidden DB_ROW_ID (6), DB_TRX_ID (6), DB_ROLL_PTR (7). */
const RECORD_OVERHEAD = 5 + 6 + 6 + 7;

/** A VARCHAR (or utf8mb4 CHAR, which InnoDB stores as variable-length) of this many bytes. */
export function variableColumnPageBytes(maxBytes: number): number {
  return maxBytes > 255 ? OFF_PAGE_COLUMN_BYTES : maxBytes + 1;
}

/** Bytes one column takes in the page, at its widest. */
export function columnPageBytes(type: MysqlType): number {
  switch (type.kind) {
    case 'integer':
    case 'boolean':
    case 'float':
    case 'double':
    case 'decimal':
      return numericBytes(type);
    case 'char':
    case 'varchar':
      return variableColumnPageBytes(type.length * BYTES_PER_CHAR);
    case 'text':
    case 'json':
      return OFF_PAGE_COLUMN_BYTES;
    case 'date':
      return 3;
    case 'datetime':
      return 5 + Math.ceil(type.fsp / 2);
    case 'timestamp':
      return 4 + Math.ceil(type.fsp / 2);
    case 'other':
      return type.pageBytes;
  }
}

/** The in-page size of a row of these columns (all nullable: one null bit each). */
export function tablePageBytes(types: readonly MysqlType[]): number {
  const columns = types.reduce((sum, type) => sum + columnPageBytes(type), 0);
  return RECORD_OVERHEAD + Math.ceil(types.length / 8) + columns;
}

/** Which width limit a table passes, and by how much. */
export type WidthExcess =
  | { limit: 'columns'; columns: number }
  | { limit: 'page'; bytes: number }
  | { limit: 'row'; bytes: number }
  | { limit: 'definition'; bytes: number };

/**
 * The first limit these columns pass, or undefined when MySQL would create them; `texts` (names
 * and comments, in the same order) are checked against the definition's 64 KB when given.
 */
export function widthExcess(
  types: readonly MysqlType[],
  texts?: readonly ColumnText[],
): WidthExcess | undefined {
  if (types.length > MAX_COLUMNS) return { limit: 'columns', columns: types.length };
  const definition = texts === undefined ? 0 : tableDefinitionBytes(texts);
  if (definition > DEFINITION_LIMIT) return { limit: 'definition', bytes: definition };
  const page = tablePageBytes(types);
  if (page >= PAGE_ROW_LIMIT) return { limit: 'page', bytes: page };
  const row = tableRowBytes(types);
  if (row > ROW_SIZE_BUDGET) return { limit: 'row', bytes: row };
  return undefined;
}

/** The limit in words, for a cause a reader can act on. */
export function describeExcess(excess: WidthExcess): string {
  switch (excess.limit) {
    case 'columns':
      return `InnoDB allows ${MAX_COLUMNS} columns per table`;
    case 'page':
      return `InnoDB keeps under ${PAGE_ROW_LIMIT} bytes of a row in its page (each TEXT or long VARCHAR column keeps a 20-byte pointer there, shorter columns their whole width) and these columns need ${excess.bytes}`;
    case 'row':
      return `MySQL allows 65,535 bytes per row and these columns need ${excess.bytes} even with every VARCHAR it may change as TEXT`;
    case 'definition':
      return `MySQL keeps a table's column names and comments in under 64 KB (about ${DEFINITION_LIMIT.toLocaleString('en')} bytes: 19 a column plus the UTF-8 bytes of its name and comment, so long Korean names fill it sooner) and these columns need ${excess.bytes}`;
  }
}
