/** MySQL's and MariaDB's limit on a column comment, in characters (ER_TOO_LONG_FIELD_COMMENT). */
export const MAX_COLUMN_COMMENT_LENGTH = 1024;

/**
 * The COMMENT MySQL is to hold for a catalog column's comment (the header cell as written), in
 * the form the server stores and INFORMATION_SCHEMA reads back, so that comparing the two says
 * whether anything changed:
 * - MySQL keeps comments in utf8mb3 and refuses others (error 1300): a character outside the
 *   BMP (emoji) is written as its escape `\u{1F600}`, so the header stays recoverable; an
 *   unpaired surrogate, which no server stores, becomes U+FFFD;
 * - past 1,024 characters the text is cut to 1,023 and ends in `…`, so a reader sees it was cut;
 * - no comment and an empty one are the same: ''.
 */
export function mysqlColumnComment(text: string | undefined): string {
  if (!text) return '';
  const storable = text
    .replace(
      /[\u{10000}-\u{10FFFF}]/gu,
      (c) => `\\u{${c.codePointAt(0)?.toString(16).toUpperCase()}}`,
    )
    .replace(/[\uD800-\uDFFF]/g, '\uFFFD');
  return storable.length <= MAX_COLUMN_COMMENT_LENGTH
    ? storable
    : `${storable.slice(0, MAX_COLUMN_COMMENT_LENGTH - 1)}…`;
}
