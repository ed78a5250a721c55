import { parse } from 'csv-parse/sync';
import { withoutLastLine } from './csv-sample.js';

/** The dialect a CSV is read with. */
export interface CsvDialect {
  delimiter: string;
  quote: string;
}

/** How many lines the delimiter is guessed from. */
const DETECTION_LINES = 200;
/** Delimiters the built-in classifier checks, in Glue's documented order of preference. */
export const BUILT_IN_DELIMITERS = [',', '|', '\t', ';', '\u0001'] as const;

/**
 * Parses CSV text into records. A sample that was cut short may end inside a quoted field; then
 * its last lines are dropped until it parses. Any other quoting error is the file's own.
 */
export function parseRecords(text: string, truncated: boolean, dialect: CsvDialect): string[][] {
  let current: string | undefined = text;
  for (;;) {
    try {
      return parse(current, {
        delimiter: dialect.delimiter,
        quote: dialect.quote,
        relax_quotes: true,
        relax_column_count: true,
        skip_empty_lines: true,
      }) as string[][];
    } catch (error) {
      const code = (error as { code?: string }).code;
      const previous: string | undefined = truncated ? withoutLastLine(current) : undefined;
      if (code !== 'CSV_QUOTE_NOT_CLOSED' || previous === undefined) throw error;
      current = previous;
    }
  }
}

/** The first lines of a text, and whether that cut anything off. */
export function headLines(text: string, truncated: boolean): { text: string; truncated: boolean } {
  let index = -1;
  for (let line = 0; line < DETECTION_LINES; line += 1) {
    index = text.indexOf('\n', index + 1);
    if (index < 0) return { text, truncated };
  }
  return { text: text.slice(0, index + 1), truncated: true };
}

/** How regular a dialect makes the records: the share of rows as wide as the first. */
export function columnConsistency(records: string[][]): { width: number; share: number } {
  const width = records[0]?.length ?? 0;
  if (records.length === 0) return { width, share: 0 };
  const same = records.filter((record) => record.length === width).length;
  return { width, share: same / records.length };
}

/** Whether any field of the text opens with the quote character. */
export function hasQuotedFields(text: string, dialect: CsvDialect): boolean {
  const quote = escapeRegExp(dialect.quote);
  const delimiter = escapeRegExp(dialect.delimiter);
  return new RegExp(`(?:^|${delimiter})[ \\t]*${quote}`, 'm').test(text);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
