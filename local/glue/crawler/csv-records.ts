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
 * Glue reads "the first 1,000 records or the first 1 MB" of a CSV file, whichever comes first, to
 * infer its schema (AWS Knowledge Center, "How does an AWS Glue crawler detect the schema?",
 * https://repost.aws/knowledge-center/glue-crawler-detect-schema); the header row is a record.
 * The megabyte is the ranged read (csv-sample.ts); this is the record count.
 */
export const SAMPLE_RECORDS = 1000;

/** The records a crawler reads from a sample, and how many bytes of the text they span. */
export interface ParsedSample {
  records: string[][];
  /** UTF-8 bytes of the text the records were read from (up to the end of the last one). */
  bytes: number;
  /** Whether the record limit stopped the reading before the end of the text. */
  cutAtRecordLimit: boolean;
  /** The text the records were read from: the sample, less what lies past the record limit. */
  text: string;
}

/**
 * Parses CSV text into at most SAMPLE_RECORDS records. A sample that was cut short may end
 * inside a quoted field; then its last lines are dropped until it parses. Any other quoting
 * error is the file's own (unless it lies past the records the crawler reads).
 */
export function parseSample(text: string, truncated: boolean, dialect: CsvDialect): ParsedSample {
  let current: string | undefined = text;
  for (;;) {
    try {
      // With `info: true` csv-parse returns { record, info } per record; its typings do not say so.
      const parsed = parse(current, {
        delimiter: dialect.delimiter,
        quote: dialect.quote,
        relax_quotes: true,
        relax_column_count: true,
        skip_empty_lines: true,
        to: SAMPLE_RECORDS,
        info: true,
      }) as unknown as { record: string[]; info: { bytes: number } }[];
      const records = parsed.map((entry) => entry.record);
      const bytes = parsed.at(-1)?.info.bytes ?? 0;
      const end = records.length === SAMPLE_RECORDS ? charIndexOf(current, bytes) : current.length;
      const cutAtRecordLimit = current.slice(end).trim() !== '';
      return { records, bytes, cutAtRecordLimit, text: current.slice(0, end) };
    } catch (error) {
      const code = (error as { code?: string }).code;
      const previous: string | undefined = truncated ? withoutLastLine(current) : undefined;
      if (code !== 'CSV_QUOTE_NOT_CLOSED' || previous === undefined) throw error;
      current = previous;
    }
  }
}

/** parseSample's records alone. */
export function parseRecords(text: string, truncated: boolean, dialect: CsvDialect): string[][] {
  return parseSample(text, truncated, dialect).records;
}

/** The index in a string of the character that starts at a UTF-8 byte offset. */
function charIndexOf(text: string, byteOffset: number): number {
  return Buffer.from(text, 'utf8').subarray(0, byteOffset).toString('utf8').length;
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
