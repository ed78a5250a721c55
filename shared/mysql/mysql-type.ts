/**
 * The MySQL column types csv-catalog creates or compares, as data rather than text, so that
 * row sizes and widening can be computed. `other` stands for a type found in an existing table
 * that csv-catalog never creates (ENUM, BLOB, TIME, …): it is compared only for equality.
 */
export type IntegerName = 'TINYINT' | 'SMALLINT' | 'MEDIUMINT' | 'INT' | 'BIGINT';
export type TextName = 'TINYTEXT' | 'TEXT' | 'MEDIUMTEXT' | 'LONGTEXT';

export type MysqlType =
  | { kind: 'integer'; name: IntegerName; unsigned: boolean }
  | { kind: 'boolean' }
  | { kind: 'float' }
  | { kind: 'double' }
  | { kind: 'decimal'; precision: number; scale: number }
  | { kind: 'char'; length: number }
  | { kind: 'varchar'; length: number }
  | { kind: 'text'; name: TextName }
  | { kind: 'json' }
  | { kind: 'date' }
  | { kind: 'datetime'; fsp: number }
  | { kind: 'timestamp'; fsp: number }
  | { kind: 'other'; sql: string; rowBytes: number; pageBytes: number };

/** A type csv-catalog may write into DDL. */
export type CreatableType = Exclude<MysqlType, { kind: 'other' }>;

/** The longest VARCHAR in utf8mb4 (65,535 bytes / 4). */
export const MAX_VARCHAR_LENGTH = 16_383;

export function renderMysqlType(type: MysqlType): string {
  switch (type.kind) {
    case 'integer':
      return type.unsigned ? `${type.name} UNSIGNED` : type.name;
    case 'boolean':
      return 'BOOLEAN';
    case 'float':
      return 'FLOAT';
    case 'double':
      return 'DOUBLE';
    case 'decimal':
      return `DECIMAL(${type.precision},${type.scale})`;
    case 'char':
      return `CHAR(${type.length})`;
    case 'varchar':
      return `VARCHAR(${type.length})`;
    case 'text':
      return type.name;
    case 'json':
      return 'JSON';
    case 'date':
      return 'DATE';
    case 'datetime':
      return type.fsp ? `DATETIME(${type.fsp})` : 'DATETIME';
    case 'timestamp':
      return type.fsp ? `TIMESTAMP(${type.fsp})` : 'TIMESTAMP';
    case 'other':
      return type.sql;
  }
}

// Maps: a type word from config or the server (`constructor`…) never reaches Object.prototype.
const integerNames = new Map<string, IntegerName>([
  ['tinyint', 'TINYINT'],
  ['smallint', 'SMALLINT'],
  ['mediumint', 'MEDIUMINT'],
  ['int', 'INT'],
  ['integer', 'INT'],
  ['bigint', 'BIGINT'],
]);
const textNames = new Map<string, TextName>([
  ['tinytext', 'TINYTEXT'],
  ['text', 'TEXT'],
  ['mediumtext', 'MEDIUMTEXT'],
  ['longtext', 'LONGTEXT'],
]);

const typePattern =
  /^([a-z]+)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?((?:\s+(?:unsigned|signed|zerofill))*)$/;

/**
 * Reads a type as written in config (`VARCHAR(1000)`, `decimal(20, 4)`) or as MySQL reports it
 * in INFORMATION_SCHEMA.COLUMNS.COLUMN_TYPE (`int(11)`, `bigint(20) unsigned`, `tinyint(1)`).
 * Returns undefined for anything else, so nothing unrecognised is ever written into DDL.
 */
export function parseMysqlType(input: string): CreatableType | undefined {
  const match = typePattern.exec(input.trim().toLowerCase());
  if (!match) return undefined;
  const [, base = '', first, second, flags = ''] = match;
  const a = first === undefined ? undefined : Number(first);
  const b = second === undefined ? undefined : Number(second);
  const unsigned = /\bunsigned\b/.test(flags);
  if (flags.trim() && !integerNames.has(base)) return undefined;

  const integer = integerNames.get(base);
  // BOOLEAN is TINYINT(1): MySQL reports it so, and a display width means nothing else.
  if (base === 'tinyint' && a === 1 && !unsigned) return { kind: 'boolean' };
  if (integer) return b === undefined ? { kind: 'integer', name: integer, unsigned } : undefined;
  const text = textNames.get(base);
  if (text) return a === undefined ? { kind: 'text', name: text } : undefined;

  switch (base) {
    case 'bool':
    case 'boolean':
      return a === undefined ? { kind: 'boolean' } : undefined;
    case 'float':
      return b === undefined ? { kind: 'float' } : undefined;
    case 'double':
    case 'real':
      return b === undefined ? { kind: 'double' } : undefined;
    case 'decimal':
    case 'numeric':
    case 'dec':
      return decimal(a ?? 10, b ?? 0);
    case 'char':
      return a === undefined || (a >= 1 && a <= 255 && b === undefined)
        ? { kind: 'char', length: a ?? 1 }
        : undefined;
    case 'varchar':
      return a !== undefined && a >= 1 && a <= MAX_VARCHAR_LENGTH && b === undefined
        ? { kind: 'varchar', length: a }
        : undefined;
    case 'json':
      return a === undefined ? { kind: 'json' } : undefined;
    case 'date':
      return a === undefined ? { kind: 'date' } : undefined;
    case 'datetime':
    case 'timestamp':
      return b === undefined && (a ?? 0) <= 6 ? { kind: base, fsp: a ?? 0 } : undefined;
    default:
      return undefined;
  }
}

function decimal(precision: number, scale: number): CreatableType | undefined {
  if (precision < 1 || precision > 65 || scale > 38 || scale > precision) return undefined;
  return { kind: 'decimal', precision, scale };
}
