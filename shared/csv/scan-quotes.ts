import type { CsvDelimiter, CsvLineBreak, CsvQuote } from './csv-profile.js';

export interface QuoteScan {
  /** The first line break outside a quoted field, if any. */
  lineBreak?: CsvLineBreak;
  /** Some field opens with the quote. */
  quoted: boolean;
  /** Some quoted field holds a line break (up to the cut, for a field a truncated head cuts). */
  multiline: boolean;
}

/**
 * Walks the text as csv-parse reads it (a quote opens a field only at its start, doubled
 * quotes escape). One pass over characters costs far less than csv-parse's `cast` hook,
 * and it also sees the field a truncated head cuts short.
 */
export function scanQuotes(text: string, delimiter: CsvDelimiter, quote: CsvQuote): QuoteScan {
  let lineBreak: CsvLineBreak | undefined;
  let quoted = false;
  let multiline = false;
  let inQuotes = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inQuotes) {
      if (char === '\r' || char === '\n') multiline = true;
      else if (char === quote && text[i + 1] === quote) i++;
      else if (char === quote) inQuotes = false;
    } else if (char === '\r' || char === '\n') {
      lineBreak ??= char === '\n' ? '\n' : text[i + 1] === '\n' ? '\r\n' : '\r';
      if (char === '\r' && text[i + 1] === '\n') i++;
      fieldStart = true;
    } else {
      inQuotes = fieldStart && char === quote;
      quoted ||= inQuotes;
      fieldStart = char === delimiter;
    }
  }
  return { lineBreak, quoted, multiline };
}
