import type { FieldCountLines } from '../csv/record-scanner.js';

const LF = 0x0a;
const CR = 0x0d;
/** Lines listed per field count (as RecordScanner); the count of records is always exact. */
const LINES_KEPT = 5;

export interface LoadScanSettings {
  delimiter: string;
  quote: string;
  /** The bytes start at the file's header (chunk 0); `false`: a later chunk, past it. */
  header?: boolean | undefined;
  /** The file's line number of the first byte, for the lines named in errors. */
  firstLine?: number | undefined;
  /** End at the first line feed outside quotes at or past this many bytes. */
  limit?: number | undefined;
}

/** What one buffer holds for the load: where the chunk ends, and which bytes to leave out. */
export interface ScannedBuffer {
  /** Bytes of the buffer that belong to the chunk (all of them, or up to its last record end). */
  length: number;
  /** Positions (ascending, below `length`) of blank lines' line-break bytes, left out. */
  dropped: number[];
  /** The chunk ends at `length`: a record end at or past the byte limit. */
  cut: boolean;
}

/** What the scan found in the records it read (RecordScanner's findings the load checks). */
export interface LoadScan {
  /** Fields of the first non-blank record when the bytes start at the header; else 0. */
  headerFields: number;
  /** Non-blank data records. */
  records: number;
  /** Data records by field count, fewest fields first. */
  fieldCounts: FieldCountLines[];
  /** The line where a quoted field opens that the bytes never close, if any. */
  unclosedQuoteLine?: number;
}

/**
 * One pass over a load's bytes as they stream past, doing what LOAD DATA cannot and the load
 * must check, in bounded memory:
 *
 * - counts the records and the fields of each (with the line each starts on), as
 *   RecordScanner does: a quote opens a field only at its start, a doubled quote inside one is
 *   a quote, `\n`, `\r\n` and `\r` outside quotes end a record, the first non-blank record is
 *   the header when `header` is on;
 * - finds where a chunk may end: after the first line feed outside quotes at or past `limit`
 *   bytes (so a `\r\n` is never split, a line break inside quotes never ends a chunk);
 * - finds blank lines, whose line-break bytes are left out of the stream: LOAD DATA loads a
 *   blank line as a row of NULLs (checked on MariaDB 10.11, LF and CRLF, no warning), while
 *   every CSV reader of the project skips it;
 * - measures the longest value of each field of the data records in characters (enclosing
 *   quotes not counted, a doubled quote counted once, a UTF-8 character once).
 *
 * It sees every byte of every load, and a JavaScript step per byte costs more CPU than the
 * server's whole LOAD DATA (bench/README.md), so it jumps: inside quotes with `Buffer#indexOf` to the next quote (line breaks
 * found the same way), outside over a lookup table to the next delimiter, quote or line break;
 * characters are counted only in a value whose byte count could beat its field's longest so far
 * (n bytes hold at most n characters). Everything is bytes: the delimiter, the quote and the
 * line breaks are ASCII, which never occurs inside a UTF-8 multibyte character.
 */
export class LoadScanner {
  private readonly delimiter: number;
  private readonly quote: number;
  private readonly limit: number;
  /** 1 for the bytes that mean something outside quotes: delimiter, quote, CR, LF. */
  private readonly special = new Uint8Array(256);
  private seen = 0;
  private line: number;
  private previousWasCr = false;
  private inQuotes = false;
  /** Inside quotes, a quote was the last byte: the next one says whether it closes the field. */
  private quotePending = false;
  private fieldStart = true;
  /** A byte of the current record has been read (it is not blank so far). */
  private recordStarted = false;
  /** The blank line's CR was left out, so the LF completing its CRLF is left out too. */
  private crDropped = false;
  private recordLine: number;
  private recordFields = 1;
  private quoteOpenedLine = 0;
  private headerPending: boolean;
  private headerFields = 0;
  private records = 0;
  private readonly counts = new Map<number, FieldCountLines>();
  /** Longest value per field position, in characters; never holey. */
  private readonly longest: number[] = [];
  /** The value in progress, from earlier buffers: raw bytes (quotes included) and lead bytes. */
  private carriedBytes = 0;
  private carriedChars = 0;
  /** Quote bytes of the value in progress that are not characters (a closing or doubled one). */
  private excluded = 0;

  constructor(settings: LoadScanSettings) {
    this.delimiter = asciiCode(settings.delimiter, 'delimiter');
    this.quote = asciiCode(settings.quote, 'quote');
    this.limit = settings.limit ?? Number.POSITIVE_INFINITY;
    this.headerPending = settings.header ?? true;
    this.line = settings.firstLine ?? 1;
    this.recordLine = this.line;
    for (const byte of [this.delimiter, this.quote, CR, LF]) this.special[byte] = 1;
  }

  /** The line number of the next byte (after a chunk's end: the next chunk's first line). */
  nextLine(): number {
    return this.line;
  }

  /** Takes the next buffer of the bytes; what of it belongs to the chunk and what to leave out. */
  take(chunk: Buffer): ScannedBuffer {
    // The state lives in locals while the loop runs: this loop sees every byte of every load.
    const { delimiter, quote, special } = this;
    const end = chunk.length;
    const room = this.limit - this.seen;
    let { line, inQuotes, quotePending, fieldStart, recordStarted, crDropped, excluded } = this;
    const dropped: number[] = [];
    let length = end;
    let cut = false;
    /** Where the value in progress starts in this buffer (past an opening quote). */
    let valueStart = 0;
    // Next quote / LF / CR at or after the last search (end: none); searched again once passed.
    let nextQuote = -1;
    let nextLf = -1;
    let nextCr = -1;
    let i = 0;
    while (i < end) {
      if (inQuotes) {
        if (quotePending) {
          quotePending = false;
          excluded++; // the closing quote, or the first of a doubled pair: not a character
          if (chunk[i] === quote) i++;
          else inQuotes = false;
          continue;
        }
        if (nextQuote < i) nextQuote = found(chunk.indexOf(quote, i), end);
        const stop = nextQuote;
        // The lines inside the quotes: a physical line ends at CR, or at LF unless after CR.
        for (;;) {
          if (nextLf < i) nextLf = found(chunk.indexOf(LF, i), end);
          if (nextCr < i) nextCr = found(chunk.indexOf(CR, i), end);
          const lineBreak = Math.min(nextLf, nextCr);
          if (lineBreak >= stop) break;
          if (lineBreak === nextCr || !this.crBefore(chunk, lineBreak)) line++;
          i = lineBreak + 1;
        }
        if (stop === end) {
          i = end;
          break;
        }
        quotePending = true;
        i = stop + 1;
        continue;
      }
      const byte = chunk[i] as number;
      if (byte !== CR && byte !== LF) {
        if (!recordStarted) {
          recordStarted = true;
          this.recordLine = line;
          valueStart = i;
        }
        if (byte === delimiter) {
          this.endValue(chunk, valueStart, i, excluded);
          excluded = 0;
          this.recordFields++;
          fieldStart = true;
          valueStart = i + 1;
          i++;
          continue;
        }
        if (byte === quote && fieldStart) {
          fieldStart = false;
          inQuotes = true;
          this.quoteOpenedLine = line;
          valueStart = i + 1;
          i++;
          continue;
        }
        fieldStart = false;
        i++;
        while (i < end && special[chunk[i] as number] === 0) i++;
        continue;
      }
      const completesCrLf = byte === LF && this.crBefore(chunk, i);
      if (completesCrLf) {
        if (crDropped) dropped.push(i);
      } else {
        line++;
        if (!recordStarted) {
          dropped.push(i);
          crDropped = byte === CR;
        } else {
          this.endValue(chunk, valueStart, i, excluded);
          excluded = 0;
          this.endRecord();
          recordStarted = false;
          fieldStart = true;
          crDropped = false;
        }
      }
      i++;
      if (byte === LF && i >= room) {
        length = i;
        cut = true;
        break;
      }
    }
    if (recordStarted && !this.headerPending) {
      // The value goes on in the next buffer: measure its part here while the bytes are at hand.
      this.carriedBytes += length - valueStart;
      this.carriedChars += leadBytes(chunk, valueStart, length);
    }
    if (length > 0) this.previousWasCr = chunk[length - 1] === CR;
    this.seen += length;
    this.line = line;
    this.inQuotes = inQuotes;
    this.quotePending = quotePending;
    this.fieldStart = fieldStart;
    this.recordStarted = recordStarted;
    this.crDropped = crDropped;
    this.excluded = excluded;
    return { length, dropped, cut };
  }

  /** Ends the bytes: what the scan found, and the longest value per field (0-based). */
  finish(): { scan: LoadScan; longest: number[] } {
    const unclosedQuoteLine =
      this.inQuotes && !this.quotePending ? this.quoteOpenedLine : undefined;
    if (this.recordStarted) {
      // A final quote still pending closed the value: it is no character.
      const excluded = this.excluded + (this.quotePending ? 1 : 0);
      this.endValue(Buffer.alloc(0), 0, 0, excluded);
      this.endRecord();
      this.recordStarted = false;
    }
    return {
      scan: {
        headerFields: this.headerFields,
        records: this.records,
        fieldCounts: [...this.counts.values()].sort((a, b) => a.fields - b.fields),
        ...(unclosedQuoteLine === undefined ? {} : { unclosedQuoteLine }),
      },
      longest: [...this.longest],
    };
  }

  /** Whether the byte before `at` (in this buffer or the last one) is a CR. */
  private crBefore(chunk: Buffer, at: number): boolean {
    return at > 0 ? chunk[at - 1] === CR : this.previousWasCr;
  }

  /**
   * Measures the value that ends at `end` (its bytes from `start` in this buffer, and those
   * carried from earlier buffers): characters are counted only when its bytes could beat the
   * field's longest so far.
   */
  private endValue(chunk: Buffer, start: number, end: number, excluded: number): void {
    if (!this.headerPending) {
      const field = this.recordFields - 1;
      const longest = this.longest;
      const best = longest[field] ?? 0;
      if (this.carriedBytes + (end - start) - excluded > best) {
        const chars = this.carriedChars + leadBytes(chunk, start, end) - excluded;
        if (chars > best) {
          while (longest.length < field) longest.push(0);
          longest[field] = chars;
        }
      }
    }
    this.carriedBytes = 0;
    this.carriedChars = 0;
  }

  private endRecord(): void {
    if (this.headerPending) {
      this.headerFields = this.recordFields;
      this.headerPending = false;
    } else {
      this.records++;
      let count = this.counts.get(this.recordFields);
      if (!count) {
        count = { fields: this.recordFields, records: 0, lines: [] };
        this.counts.set(this.recordFields, count);
      }
      count.records++;
      if (count.lines.length < LINES_KEPT) count.lines.push(this.recordLine);
    }
    this.recordFields = 1;
  }
}

/** indexOf's answer, with "none" as the buffer's end. */
function found(at: number, end: number): number {
  return at < 0 ? end : at;
}

/** Characters in bytes [start, end) of UTF-8: the bytes that are no continuation byte. */
function leadBytes(bytes: Buffer, start: number, end: number): number {
  let continuation = 0;
  for (let i = start; i < end; i++) if (((bytes[i] as number) & 0xc0) === 0x80) continuation++;
  return end - start - continuation;
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
