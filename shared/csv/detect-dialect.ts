import type { CsvDelimiter, CsvQuote } from './csv-profile.js';
import { isBlankRecord, parseRecords } from './parse-records.js';
import { scanQuotes } from './scan-quotes.js';

/** In order of preference when two read equally well. */
const DELIMITERS: readonly CsvDelimiter[] = [',', '\t', ';', '|'];

/** Records enough to judge a dialect; the full head is parsed once, afterwards. */
const SAMPLE_RECORDS = 100;

export interface Dialect {
  delimiter: CsvDelimiter;
  quote: CsvQuote;
}

interface Fit extends Dialect {
  /** Parsed without error; a fit that fails is kept (ranked lower) so its error surfaces. */
  clean: boolean;
  /** Share of data rows with as many fields as the header (1 when there are none). */
  consistency: number;
  /** Fields in the header. */
  width: number;
}

/**
 * Picks the delimiter whose parse (quotes respected) gives the header more than one field
 * and the rows the same count; `'` quotes only when the sample quotes with it and never with
 * `"`. A single-column sample falls back to `,` and `"`.
 */
export function detectDialect(text: string, truncated: boolean): Dialect {
  const double = bestFit(text, '"', truncated);
  if (double && scanQuotes(text, double.delimiter, '"').quoted) return dialectOf(double);
  const single = bestFit(text, "'", truncated);
  if (
    single &&
    scanQuotes(text, single.delimiter, "'").quoted &&
    (!double || compareFits(single, double) <= 0)
  ) {
    return dialectOf(single);
  }
  return { delimiter: double?.delimiter ?? ',', quote: '"' };
}

function bestFit(text: string, quote: CsvQuote, truncated: boolean): Fit | undefined {
  const fits = DELIMITERS.flatMap((delimiter) => measure(text, { delimiter, quote }, truncated));
  return fits.sort(compareFits)[0]; // sort is stable: ties keep DELIMITERS order
}

function measure(text: string, dialect: Dialect, truncated: boolean): Fit[] {
  const settings = { ...dialect, truncated, limit: SAMPLE_RECORDS };
  const { records, error } = parseRecords(text, settings);
  const [header, ...rest] = records;
  if (!header || header.length < 2) return [];
  const rows = rest.filter((fields) => !isBlankRecord(fields));
  const matching = rows.filter((fields) => fields.length === header.length).length;
  return [
    {
      ...dialect,
      clean: error === undefined,
      consistency: rows.length === 0 ? 1 : matching / rows.length,
      width: header.length,
    },
  ];
}

/** Better fits sort first: parsed cleanly, then consistent rows, then more columns. */
function compareFits(a: Fit, b: Fit): number {
  return Number(b.clean) - Number(a.clean) || b.consistency - a.consistency || b.width - a.width;
}

function dialectOf({ delimiter, quote }: Fit): Dialect {
  return { delimiter, quote };
}
