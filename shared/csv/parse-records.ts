import { CsvError, parse } from 'csv-parse/sync';
import type { CsvDelimiter, CsvLineBreak, CsvQuote } from './csv-profile.js';

export interface ParseSettings {
  delimiter: CsvDelimiter;
  quote: CsvQuote;
  /** Left to csv-parse's detection when absent. */
  lineBreak?: CsvLineBreak;
  truncated: boolean;
  /** Read at most this many records (all of them when absent). */
  limit?: number;
}

export interface ParseOutcome {
  /** Complete records only: a truncated head's cut last record is left out. */
  records: string[][];
  /** The parser's error; an unclosed quote at the cut of a truncated head is not one. */
  error?: unknown;
}

/** Parses the records of a head of CSV text with one candidate dialect. */
export function parseRecords(text: string, settings: ParseSettings): ParseOutcome {
  const { delimiter, quote, lineBreak, truncated, limit } = settings;
  const records: string[][] = [];
  let error: unknown;
  try {
    parse(text, {
      delimiter,
      quote,
      escape: quote,
      ...(lineBreak ? { record_delimiter: lineBreak } : {}),
      // One record past the limit proves the records before it complete.
      ...(limit !== undefined ? { to: limit + 1 } : {}),
      relax_column_count: true,
      // A stray quote inside an unquoted value (a 5" disk) is data; an unclosed one still fails.
      relax_quotes: true,
      on_record: (fields) => {
        records.push(fields);
        return null; // collected here; csv-parse need not keep a second copy
      },
    });
  } catch (caught) {
    error = caught;
  }
  if (limit !== undefined && records.length > limit) return { records: records.slice(0, limit) };
  if (!truncated) return { records, error };
  // Cut inside a quoted field: csv-parse reports the open quote and never emits that record.
  if (error instanceof CsvError && error.code === 'CSV_QUOTE_NOT_CLOSED') return { records };
  // Cut elsewhere: the last record is whole only if a line break ends the text.
  const ended = lineBreak ? text.endsWith(lineBreak) : /[\r\n]$/.test(text);
  if (!error && !ended) records.pop();
  return { records, error };
}

/** An empty line (or a lone empty field, which csv-parse reads the same way). */
export function isBlankRecord(fields: readonly string[]): boolean {
  return fields.length === 1 && fields[0] === '';
}
