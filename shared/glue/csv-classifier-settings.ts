import type { CsvClassifierSettings } from './glue-catalog.js';

const DELIMITER_NAMES: Record<string, string> = {
  ',': 'comma',
  '\t': 'tab',
  ';': 'semicolon',
  '|': 'pipe',
};

/**
 * The custom CSV classifier for a dialect: one per delimiter (and quote, where it is not `"`),
 * shared by every crawler of that dialect. ContainsHeader PRESENT makes the crawler take the
 * first row as names even when every value is a string, where the built-in classifier gives
 * col0, col1, …
 */
export function csvClassifierFor(delimiter: string, quote: string): CsvClassifierSettings {
  const delimiterName = DELIMITER_NAMES[delimiter] ?? `u${codePoint(delimiter)}`;
  const quoteSuffix = quote === '"' ? '' : quote === "'" ? '_apostrophe' : `_q${codePoint(quote)}`;
  return {
    Name: `csv_catalog_${delimiterName}${quoteSuffix}`,
    Delimiter: delimiter,
    QuoteSymbol: quote,
    ContainsHeader: 'PRESENT',
    // Single-column dumps are tables too.
    AllowSingleColumn: true,
    DisableValueTrimming: false,
  };
}

function codePoint(character: string): string {
  return (character.codePointAt(0) ?? 0).toString(16).padStart(4, '0');
}
