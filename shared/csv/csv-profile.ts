import type { EncodingSetting } from '../config/config-schema.js';
import type { ColumnNaming } from '../naming/catalog-column-names.js';

/** Encodings a head can be read in; euc-kr is read as cp949, its superset. */
export type CsvEncoding = 'utf-8' | 'cp949' | 'utf-16le' | 'utf-16be';
export type CsvDelimiter = ',' | '\t' | ';' | '|';
export type CsvQuote = '"' | "'";
export type CsvLineBreak = '\n' | '\r\n' | '\r';

/** How to read a CSV, learnt from its first bytes. */
export interface CsvProfile {
  encoding: CsvEncoding;
  /** A byte-order mark was present (UTF-8 EF BB BF, or UTF-16's). */
  bom: boolean;
  /** Bytes to skip before the text (0, 2 or 3). */
  bomLength: number;
  delimiter: CsvDelimiter;
  quote: CsvQuote;
  /** `catalog` = catalogColumnNames(original, options.columnNames). */
  header: { original: string[]; catalog: string[] };
  /** Some field in the sample is quoted. */
  quoted: boolean;
  /** Some quoted field in the sample holds a line break. */
  multiline: boolean;
  lineBreak: CsvLineBreak;
  /** Complete data rows seen after the header (blank lines not counted). */
  sampleRows: number;
  /** Longest value (in characters) per catalog column name over the sampled data rows. */
  sampleMaxLengths: Record<string, number>;
}

export interface SniffOptions {
  /** Named at the start of every error message. */
  fileName: string;
  /** True when the object is longer than the head, so the head may end mid-record. */
  truncated: boolean;
  /** 'auto' (the default) detects; any other value forces that encoding. */
  encoding?: EncodingSetting;
  /** `naming.columns`: header names in every script (the default) or ASCII only. */
  columnNames?: ColumnNaming;
}
