/**
 * The one way a string literal reaches SQL (`COMMENT '…'`): in single quotes, a quote doubled
 * and a backslash escaped. A doubled quote ends the literal at the same place whether or not
 * the server runs with NO_BACKSLASH_ESCAPES (mysql2's `\'` would not), so text from the data
 * can never close the literal early; NUL is written `\0` so the statement holds no raw NUL.
 */
export function quoteString(text: string): string {
  const escaped = text.replaceAll('\\', '\\\\').replaceAll("'", "''").replaceAll('\0', '\\0');
  return `'${escaped}'`;
}
