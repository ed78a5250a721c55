/** Longest identifier MySQL accepts (in characters); Glue's 255 bytes fit 64 BMP characters. */
export const MAX_IDENTIFIER_LENGTH = 64;

/** MySQL stores identifiers as utf8mb3: characters beyond the BMP (emoji) cannot be names. */
const ASTRAL_OR_VARIATION = /[\u{10000}-\u{10FFFF}]|\p{Variation_Selector}/gu;
/** A combining mark only counts as part of a name when it sits on a letter or digit. */
const LOOSE_MARKS = /(?<![\p{L}\p{N}\p{M}])\p{M}+/gu;
const OTHER_RUNS = /[^\p{L}\p{N}\p{M}_]+/gu;

/**
 * The one rule that turns text (a header cell, a file name's stem) into a catalog name: NFC,
 * lower-cased (scripts without case are unchanged), letters, digits and their marks of every
 * script kept, runs of anything else `_`, trimmed of `_` at both ends, at most 64 characters.
 * Gives '' when nothing is left.
 */
export function normalizeName(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .normalize('NFC')
    .replace(ASTRAL_OR_VARIATION, ' ')
    .replace(LOOSE_MARKS, ' ')
    .replace(OTHER_RUNS, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_IDENTIFIER_LENGTH)
    .replace(/_+$/, '');
}

/** A name `normalizeName` leaves as it is: what the catalog and MySQL get for a column. */
export function isCatalogName(name: string): boolean {
  return name.length > 0 && normalizeName(name) === name;
}

/** A catalog name that does not start with a digit (file names get `t_` before one). */
export function isTableName(name: string): boolean {
  return isCatalogName(name) && !/^\p{N}/u.test(name);
}
