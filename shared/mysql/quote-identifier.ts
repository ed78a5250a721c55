import { RdsSchemaInvalid } from '../errors.js';

/** MySQL/MariaDB's limit on database, table and column names, in characters. */
export const MAX_IDENTIFIER_LENGTH = 64;

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
  const problem = identifierProblem(name);
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
