import type { MysqlType, TextName } from './mysql-type.js';

/** utf8mb4 stores up to 4 bytes per character; TEXT types are limited in bytes. */
const BYTES_PER_CHAR = 4;
const textBytes: Record<TextName, number> = {
  TINYTEXT: 255,
  TEXT: 65_535,
  MEDIUMTEXT: 16_777_215,
  LONGTEXT: 4_294_967_295,
};

/** How many characters a string type is sure to hold; undefined for non-string types. */
export function capacityInChars(type: MysqlType): number | undefined {
  switch (type.kind) {
    case 'char':
    case 'varchar':
      return type.length;
    case 'text':
      return Math.floor(textBytes[type.name] / BYTES_PER_CHAR);
    case 'json':
      return Math.floor(textBytes.LONGTEXT / BYTES_PER_CHAR);
    default:
      return undefined;
  }
}

/** The smallest TEXT type (from TEXT up) sure to hold `chars` characters of utf8mb4. */
export function textTypeForLength(chars: number): { kind: 'text'; name: TextName } {
  for (const name of ['TEXT', 'MEDIUMTEXT'] as const) {
    if (chars * BYTES_PER_CHAR <= textBytes[name]) return { kind: 'text', name };
  }
  return { kind: 'text', name: 'LONGTEXT' };
}
