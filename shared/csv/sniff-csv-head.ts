import { CsvFormatError, describeError } from '../errors.js';
import { catalogColumnNames } from '../naming/catalog-column-names.js';
import type { CsvProfile, SniffOptions } from './csv-profile.js';
import { detectDialect } from './detect-dialect.js';
import { detectEncoding } from './detect-encoding.js';
import { isBlankRecord, parseRecords } from './parse-records.js';
import { sampleMaxLengths } from './sample-max-lengths.js';
import { scanQuotes } from './scan-quotes.js';

export type {
  CsvDelimiter,
  CsvEncoding,
  CsvLineBreak,
  CsvProfile,
  CsvQuote,
  SniffOptions,
} from './csv-profile.js';

/**
 * Learns how to read a CSV from its first bytes (a Range GET of at most 64 KiB): encoding,
 * byte-order mark, delimiter, quote, line break, header, and a sample of the rows. Pure: bytes
 * in, profile out. Throws CsvFormatError, its message starting with the file name.
 */
export function sniffCsvHead(head: Uint8Array, options: SniffOptions): CsvProfile {
  const { fileName, truncated } = options;
  const { encoding, bom, bomLength, text } = detectEncoding(head, options);
  if (text.length === 0) throw new CsvFormatError(`${fileName}: is empty`);
  if (text.trim().length === 0) throw new CsvFormatError(`${fileName}: holds only whitespace`);

  const { delimiter, quote } = detectDialect(text, truncated);
  const scan = scanQuotes(text, delimiter, quote);
  const lineBreak = scan.lineBreak ?? '\n';
  const parsed = parseRecords(text, { delimiter, quote, lineBreak, truncated });
  if (parsed.error) {
    throw new CsvFormatError(`${fileName}: is not valid CSV: ${describeError(parsed.error)}`, {
      cause: parsed.error,
    });
  }
  const [header, ...rest] = parsed.records;
  if (!header) {
    throw new CsvFormatError(
      `${fileName}: the first ${head.length} bytes hold no complete header line`,
    );
  }
  if (header.every((cell) => cell.trim() === '')) {
    throw new CsvFormatError(`${fileName}: the header (first line) has no column names`);
  }

  const catalog = catalogColumnNames(header, options.columnNames);
  const rows = rest.filter((fields) => !isBlankRecord(fields));
  return {
    encoding,
    bom,
    bomLength,
    delimiter,
    quote,
    header: { original: header, catalog },
    quoted: scan.quoted,
    multiline: scan.multiline,
    lineBreak,
    sampleRows: rows.length,
    sampleMaxLengths: sampleMaxLengths(catalog, rows),
  };
}
