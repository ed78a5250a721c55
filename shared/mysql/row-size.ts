import type { MysqlType } from './mysql-type.js';

/**
 * MySQL's limit on a row's size, not counting TEXT/BLOB contents (ER_TOO_BIG_ROWSIZE).
 * The per-column sizes below reproduce the server's count exactly on MariaDB 10.11 (checked:
 * 64 VARCHAR(255) + 14 BIGINT fit, + 15 do not; TEXT counts 10, JSON 12).
 */
export const ROW_SIZE_LIMIT = 65_535;
/** Planned tables stay this far below the limit, for what the count may not foresee. */
export const ROW_SIZE_MARGIN = 64;
export const ROW_SIZE_BUDGET = ROW_SIZE_LIMIT - ROW_SIZE_MARGIN;

export const BYTES_PER_CHAR = 4; // utf8mb4, counted at its widest

const integerBytes = { TINYINT: 1, SMALLINT: 2, MEDIUMINT: 3, INT: 4, BIGINT: 8 } as const;
// TEXT types count only their length bytes and an 8-byte pointer in the row.
const textBytes = { TINYTEXT: 9, TEXT: 10, MEDIUMTEXT: 11, LONGTEXT: 12 } as const;

type NumericType = Extract<
  MysqlType,
  { kind: 'integer' | 'boolean' | 'float' | 'double' | 'decimal' }
>;

/** Bytes a number column takes, the same in the row and in InnoDB's page (table-width.ts). */
export function numericBytes(type: NumericType): number {
  switch (type.kind) {
    case 'integer':
      return integerBytes[type.name];
    case 'boolean':
      return 1;
    case 'float':
      return 4;
    case 'double':
      return 8;
    case 'decimal':
      return decimalBytes(type.precision - type.scale) + decimalBytes(type.scale);
  }
}

/** Bytes one column counts toward the row-size limit. */
export function columnRowBytes(type: MysqlType): number {
  switch (type.kind) {
    case 'integer':
    case 'boolean':
    case 'float':
    case 'double':
    case 'decimal':
      return numericBytes(type);
    case 'char':
      return type.length * BYTES_PER_CHAR;
    case 'varchar': {
      const bytes = type.length * BYTES_PER_CHAR;
      return bytes + (bytes > 255 ? 2 : 1);
    }
    case 'text':
      return textBytes[type.name];
    case 'json':
      return textBytes.LONGTEXT; // MariaDB's JSON is LONGTEXT
    case 'date':
      return 3;
    case 'datetime':
      return 8; // the widest of the storage formats, fractional seconds included
    case 'timestamp':
      return 7;
    case 'other':
      return type.rowBytes;
  }
}

/** A table's row size: its columns plus one null bit per column (all columns nullable). */
export function tableRowBytes(types: readonly MysqlType[]): number {
  const columns = types.reduce((sum, type) => sum + columnRowBytes(type), 0);
  return columns + Math.ceil(types.length / 8);
}

// DECIMAL packs 9 digits into 4 bytes; leftover digits take 1–4 bytes.
const leftoverBytes = [0, 1, 1, 2, 2, 3, 3, 4, 4, 4];
export function decimalBytes(digits: number): number {
  return Math.floor(digits / 9) * 4 + (leftoverBytes[digits % 9] ?? 4);
}
