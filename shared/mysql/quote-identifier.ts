import { RdsSchemaInvalid } from '../errors.js';

/** MySQL/MariaDB's limit on database, table and column names, in characters. */
export const MAX_IDENTIFIER_LENGTH = 64;

/**
 * A table is a file `<name>.frm` / `<name>.ibd` and a database a folder, each name written in
 * MySQL's `filename` encoding, within the 255 bytes a file name may have (checked on MariaDB
 * 10.11: a table name of 251 bytes is created, 252 fails with error 1005).
 */
export const MAX_FILE_NAME_BYTES = { table: 251, database: 255 } as const;

export type IdentifierKind = 'database' | 'table' | 'column';

/**
 * The one way an identifier reaches SQL: wrapped in backticks, inner backticks doubled.
 * Names the server would reject are refused here with a message naming them, so a bad
 * header fails before any statement runs rather than half-way through a plan.
 */
export function quoteIdentifier(name: string, kind: IdentifierKind = 'column'): string {
  assertIdentifier(name, kind);
  return `\`${name.replaceAll('`', '``')}\``;
}

/** `db`.`table`, each part quoted. */
export function quoteQualified(database: string, table: string): string {
  return `${quoteIdentifier(database, 'database')}.${quoteIdentifier(table, 'table')}`;
}

export function assertIdentifier(name: string, kind: IdentifierKind = 'column'): void {
  const problem =
    identifierProblem(name) ?? (kind === 'column' ? undefined : fileNameProblem(name, kind));
  if (problem) throw new RdsSchemaInvalid(`${kind} name ${JSON.stringify(name)} ${problem}`);
}

function identifierProblem(name: string): string | undefined {
  if (typeof name !== 'string' || name.length === 0) return 'is empty';
  if (name.includes('\0')) return 'contains a NUL character';
  // The server stores identifiers as utf8mb3: characters beyond the BMP (emoji) are refused.
  if (/[\u{10000}-\u{10FFFF}]/u.test(name)) return 'contains a character outside the BMP (emoji?)';
  if (/[\uD800-\uDFFF]/.test(name)) return 'contains an unpaired surrogate';
  if (name.length > MAX_IDENTIFIER_LENGTH) {
    return `is ${name.length} characters long; MySQL allows ${MAX_IDENTIFIER_LENGTH}`;
  }
  // MySQL rejects names ending in a space (ER_WRONG_COLUMN_NAME / ER_WRONG_TABLE_NAME).
  if (name.endsWith(' ')) return 'ends with a space, which MySQL does not allow';
  return undefined;
}

function fileNameProblem(name: string, kind: 'table' | 'database'): string | undefined {
  const bytes = mysqlFileNameBytes(name);
  const limit = MAX_FILE_NAME_BYTES[kind];
  if (bytes <= limit) return undefined;
  return `takes ${bytes} bytes as a MySQL file name, which allows ${limit}: letters beyond Latin, Greek and Cyrillic take 5 bytes each (at most ${Math.floor(limit / 5)} Korean characters)`;
}

/** Characters MySQL's `filename` encoding writes as themselves. */
const FILE_NAME_SAFE = /[0-9A-Za-z_]/;
/** Ranges where most characters take `@` and two characters (the others take five bytes). */
const SHORT_CODE_RANGES: readonly [number, number][] = [
  [0x00c0, 0x05ff],
  [0x1e00, 0x1fff],
  [0x2160, 0x217f],
  [0x24b0, 0x24ef],
  [0xff20, 0xff5f],
];

/**
 * Bytes a name takes in MySQL's `filename` encoding: `[0-9A-Za-z_]` one each; accented Latin,
 * Greek, Cyrillic and a few other ranges mostly `@xy` (counted three: a lower bound, so no
 * name the server takes is refused); everything else, Hangul and CJK included, `@xxxx`.
 */
export function mysqlFileNameBytes(name: string): number {
  let bytes = 0;
  for (const char of name) {
    const code = char.codePointAt(0) ?? 0;
    if (FILE_NAME_SAFE.test(char)) bytes += 1;
    else if (SHORT_CODE_RANGES.some(([low, high]) => code >= low && code <= high)) bytes += 3;
    else bytes += 5;
  }
  return bytes;
}
