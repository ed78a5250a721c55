import type { Readable } from 'node:stream';

/** Records of one field count, with the first lines that have it. */
export interface FieldCountLines {
  fields: number;
  records: number;
  /** 1-based line numbers where such records start, the first few only. */
  lines: number[];
}

/** What one pass over a whole UTF-8 CSV found. */
export interface RecordScan {
  /** Fields of the first non-blank record (the header); 0 for a file with none. */
  headerFields: number;
  /** Non-blank records after the header. */
  records: number;
  /** The line that holds the first line break inside a quoted field, if any. */
  firstQuotedLineBreak?: number;
  /** Records that hold a line break inside a quoted field. */
  quotedLineBreakRecords: number;
  /** Data records by field count, fewest fields first (the header's count included). */
  fieldCounts: FieldCountLines[];
  /** The line where a quoted field opens that the file never closes, if any. */
  unclosedQuoteLine?: number;
  /** Bytes 0x00–0x1F that occur anywhere in the file, as a bit mask (bit n: byte n). */
  controlBytes: number;
}

/** Lines listed per field count; the count of records is always exact. */
const LINES_KEPT = 5;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Reads CSV bytes chunk by chunk, in bounded memory, the way csv-parse reads them with the
 * project's settings (a quote opens a field only at its start, a doubled quote inside one is a
 * quote, `\n`, `\r\n` and `\r` end records). It works on bytes: the delimiter, the quote and
 * the line breaks are ASCII, and in UTF-8 an ASCII byte never occurs inside a multibyte
 * character, so a Korean character split across two chunks cannot be mistaken for one of them.
 */
export class RecordScanner {
  private readonly delimiter: number;
  private readonly quote: number;
  private line = 1;
  private previousWasCr = false;
  private inQuotes = false;
  /** Inside quotes, a quote was just read: the next byte says whether it closes the field. */
  private quotePending = false;
  private fieldStart = true;
  private recordLine = 1;
  private recordBytes = 0;
  private recordFields = 1;
  private recordHasQuotedBreak = false;
  private quoteOpenedLine = 0;
  private headerFields = 0;
  private records = 0;
  private firstQuotedLineBreak: number | undefined;
  private quotedLineBreakRecords = 0;
  private controlBytes = 0;
  private readonly counts = new Map<number, FieldCountLines>();
  /** The first non-blank record is a header still to come. */
  private headerPending: boolean;

  /**
   * `header: false` reads a piece of a file that starts past its header (a load's later chunk):
   * every non-blank record is a data record, `headerFields` stays 0. `firstLine` is the file's
   * line number of the piece's first byte, so lines reported are the file's.
   */
  constructor(settings: {
    delimiter: string;
    quote: string;
    header?: boolean | undefined;
    firstLine?: number | undefined;
  }) {
    this.delimiter = asciiCode(settings.delimiter, 'delimiter');
    this.quote = asciiCode(settings.quote, 'quote');
    this.headerPending = settings.header ?? true;
    this.line = settings.firstLine ?? 1;
    this.recordLine = this.line;
  }

  /** The line number of the next byte (after a record end: the next record's first line). */
  nextLine(): number {
    return this.line;
  }

  /** Takes the next chunk of the file. */
  push(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) this.take(chunk[i] as number);
  }

  /** Ends the file and says what it found. */
  finish(): RecordScan {
    const unclosedQuoteLine =
      this.inQuotes && !this.quotePending ? this.quoteOpenedLine : undefined;
    if (this.recordBytes > 0) this.endRecord();
    return {
      headerFields: this.headerFields,
      records: this.records,
      ...(this.firstQuotedLineBreak === undefined
        ? {}
        : { firstQuotedLineBreak: this.firstQuotedLineBreak }),
      quotedLineBreakRecords: this.quotedLineBreakRecords,
      fieldCounts: [...this.counts.values()].sort((a, b) => a.fields - b.fields),
      ...(unclosedQuoteLine === undefined ? {} : { unclosedQuoteLine }),
      controlBytes: this.controlBytes,
    };
  }

  private take(byte: number): void {
    if (byte < 0x20) this.controlBytes |= 1 << byte;
    const lineOfByte = this.line;
    // A physical line ends at \r, or at \n unless it completes \r\n.
    if (byte === CR || (byte === LF && !this.previousWasCr)) this.line++;
    const completesCrLf = byte === LF && this.previousWasCr;
    this.previousWasCr = byte === CR;

    if (this.quotePending) {
      this.quotePending = false;
      if (byte === this.quote) {
        this.recordBytes++;
        return; // a doubled quote: still inside the field
      }
      this.inQuotes = false;
    }
    if (this.inQuotes) {
      this.recordBytes++;
      if (byte === this.quote) this.quotePending = true;
      else if ((byte === CR || byte === LF) && !completesCrLf) {
        this.recordHasQuotedBreak = true;
        this.firstQuotedLineBreak ??= lineOfByte;
      }
      return;
    }
    if (byte === CR || byte === LF) {
      if (!completesCrLf) this.endRecord();
      return;
    }
    if (this.recordBytes === 0) this.recordLine = lineOfByte;
    this.recordBytes++;
    if (byte === this.delimiter) {
      this.recordFields++;
      this.fieldStart = true;
      return;
    }
    if (this.fieldStart && byte === this.quote) {
      this.inQuotes = true;
      this.quoteOpenedLine = lineOfByte;
    }
    this.fieldStart = false;
  }

  private endRecord(): void {
    if (this.recordBytes > 0) {
      if (this.headerPending) {
        this.headerFields = this.recordFields;
        this.headerPending = false;
      } else this.countRecord();
    }
    this.recordBytes = 0;
    this.recordFields = 1;
    this.fieldStart = true;
    this.recordHasQuotedBreak = false;
    this.recordLine = this.line;
  }

  private countRecord(): void {
    this.records++;
    if (this.recordHasQuotedBreak) this.quotedLineBreakRecords++;
    let count = this.counts.get(this.recordFields);
    if (!count) {
      count = { fields: this.recordFields, records: 0, lines: [] };
      this.counts.set(this.recordFields, count);
    }
    count.records++;
    if (count.lines.length < LINES_KEPT) count.lines.push(this.recordLine);
  }
}

/** Scans a whole stream (the filed object) with one RecordScanner. */
export async function scanRecords(
  body: Readable | AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  settings: { delimiter: string; quote: string },
): Promise<RecordScan> {
  const scanner = new RecordScanner(settings);
  for await (const chunk of body) {
    scanner.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array));
  }
  return scanner.finish();
}

/** The records whose field count differs from the header's. */
export function raggedCounts(scan: RecordScan): FieldCountLines[] {
  return scan.fieldCounts.filter((count) => count.fields !== scan.headerFields);
}

function asciiCode(character: string, what: string): number {
  const code = character.charCodeAt(0);
  if (character.length !== 1 || code > 0x7f) {
    throw new RangeError(
      `the ${what} must be one ASCII character, not ${JSON.stringify(character)}`,
    );
  }
  return code;
}
