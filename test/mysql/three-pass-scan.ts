/**
 * The loader's scan as it was before LoadScanner: three byte-by-byte passes (RecordScanner,
 * LoadChunkFilter, FieldLengths), kept here as the oracle the one-pass scanner is checked
 * against. LoadChunkFilter and FieldLengths are the removed shared/mysql classes, unchanged.
 */
import { RecordScanner } from '../../shared/csv/record-scanner.js';
import type { LoadScanSettings } from '../../shared/mysql/load-scanner.js';

const LF = 0x0a;
const CR = 0x0d;

/** What one buffer holds for the load: where the chunk ends, and which bytes to leave out. */
interface FilteredBuffer {
  /** Bytes of the buffer that belong to the chunk (all of them, or up to its last record end). */
  length: number;
  /** Positions (ascending, below `length`) of blank lines' line-break bytes, left out. */
  dropped: number[];
  /** The chunk ends at `length`: a record end at or past the byte limit. */
  cut: boolean;
}

/**
 * Finds, quote-aware and byte by byte as the file streams past, the two things LOAD DATA
 * cannot: where a chunk may end, and which line breaks are blank lines.
 *
 * - A chunk ends after the first line feed outside quotes at or past `limit` bytes: a record
 *   end (a `\r\n` is never split; a line break inside a quoted field is not a record end).
 * - A blank line loads a row of NULLs through LOAD DATA (checked on MariaDB 10.11, LF and
 *   CRLF, at the end of the file and in the middle, no warning), while every CSV reader of the
 *   project (RecordScanner, csv-parse) skips it. Its line-break bytes are left out of the
 *   stream, so a dump's trailing blank line, or one in the middle, loads no row.
 *
 * Quoting follows RecordScanner: a quote opens a field only at its start, a doubled quote
 * inside one is a quote.
 */
class LoadChunkFilter {
  private readonly delimiter: number;
  private readonly quote: number;
  private readonly limit: number;
  private seen = 0;
  private inQuotes = false;
  private quotePending = false;
  private fieldStart = true;
  private recordStart = true;
  private previousWasCr = false;
  private crDropped = false;

  constructor(settings: { delimiter: string; quote: string; limit?: number | undefined }) {
    this.delimiter = settings.delimiter.charCodeAt(0);
    this.quote = settings.quote.charCodeAt(0);
    this.limit = settings.limit ?? Number.POSITIVE_INFINITY;
  }

  take(chunk: Uint8Array): FilteredBuffer {
    // The state lives in locals while the loop runs (registers, not field stores): this loop
    // sees every byte of every load.
    const { delimiter, quote } = this;
    const room = this.limit - this.seen;
    let { inQuotes, quotePending, fieldStart, recordStart, previousWasCr, crDropped } = this;
    const dropped: number[] = [];
    let length = chunk.length;
    let cut = false;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i] as number;
      const completesCrLf = byte === LF && previousWasCr;
      previousWasCr = byte === CR;
      if (quotePending) {
        quotePending = false;
        if (byte === quote) continue; // a doubled quote: still inside the field
        inQuotes = false;
      }
      if (inQuotes) {
        if (byte === quote) quotePending = true;
        continue;
      }
      if (byte !== CR && byte !== LF) {
        recordStart = false;
        if (byte === delimiter) fieldStart = true;
        else {
          if (fieldStart && byte === quote) inQuotes = true;
          fieldStart = false;
        }
        continue;
      }
      if (completesCrLf) {
        if (crDropped) dropped.push(i);
      } else if (recordStart) {
        dropped.push(i);
        crDropped = byte === CR;
      } else {
        recordStart = true;
        fieldStart = true;
        crDropped = false;
      }
      if (byte === LF && i + 1 >= room) {
        length = i + 1;
        cut = true;
        break;
      }
    }
    this.inQuotes = inQuotes;
    this.quotePending = quotePending;
    this.fieldStart = fieldStart;
    this.recordStart = recordStart;
    this.previousWasCr = previousWasCr;
    this.crDropped = crDropped;
    this.seen += length;
    return { length, dropped, cut };
  }
}

/**
 * The longest value of each field of a CSV's data records, in characters, measured byte by
 * byte as the file streams past (bounded memory): enclosing quotes are not counted, a doubled
 * quote inside them counts once, a UTF-8 character counts once however many bytes it takes.
 * The header record is skipped. Quoting follows RecordScanner (a quote opens a field only at
 * its start; `\n`, `\r\n` and `\r` outside quotes end a record).
 */
class FieldLengths {
  private readonly delimiter: number;
  private readonly quote: number;
  private readonly longest: number[] = [];
  private inHeader: boolean;
  private inQuotes = false;
  private quotePending = false;
  private fieldStart = true;
  private previousWasCr = false;
  private field = 0;
  private chars = 0;
  private recordBytes = 0;

  /** `header: false`: the bytes start past the header (a load's later chunk). */
  constructor(settings: { delimiter: string; quote: string; header?: boolean | undefined }) {
    this.delimiter = settings.delimiter.charCodeAt(0);
    this.quote = settings.quote.charCodeAt(0);
    this.inHeader = settings.header ?? true;
  }

  push(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) this.take(chunk[i] as number);
  }

  /** Longest value per field position (0-based) over the data records. */
  finish(): number[] {
    if (this.recordBytes > 0) this.endRecord();
    return Array.from(this.longest, (chars) => chars ?? 0);
  }

  private take(byte: number): void {
    const completesCrLf = byte === LF && this.previousWasCr;
    this.previousWasCr = byte === CR;
    if (this.quotePending) {
      this.quotePending = false;
      if (byte === this.quote) {
        this.chars++; // a doubled quote is one quote
        return;
      }
      this.inQuotes = false;
    }
    if (this.inQuotes) {
      if (byte === this.quote) this.quotePending = true;
      else this.count(byte);
      return;
    }
    if (byte === CR || byte === LF) {
      if (!completesCrLf && this.recordBytes > 0) this.endRecord();
      return;
    }
    this.recordBytes++;
    if (byte === this.delimiter) {
      this.endField();
      return;
    }
    if (this.fieldStart && byte === this.quote) this.inQuotes = true;
    else this.count(byte);
    this.fieldStart = false;
  }

  /** A byte that is not a UTF-8 continuation byte starts a character. */
  private count(byte: number): void {
    this.recordBytes++;
    if ((byte & 0xc0) !== 0x80) this.chars++;
  }

  private endField(): void {
    if (!this.inHeader && this.chars > (this.longest[this.field] ?? 0)) {
      this.longest[this.field] = this.chars;
    }
    this.field++;
    this.chars = 0;
    this.fieldStart = true;
  }

  private endRecord(): void {
    this.endField();
    this.inHeader = false;
    this.field = 0;
    this.recordBytes = 0;
  }
}

/** What a scan of a load's pieces saw: what it passes on, where it ended, what it counted. */
export interface ScanOutcome {
  kept: Buffer;
  consumed: number;
  cut: boolean;
  nextLine: number;
  headerFields: number;
  records: number;
  fieldCounts: { fields: number; records: number; lines: number[] }[];
  unclosedQuoteLine: number | undefined;
  longest: number[];
}

/** The old CountingStream's composition: the filter cuts and drops, the others read the rest. */
export function threePassScan(pieces: readonly Buffer[], settings: LoadScanSettings): ScanOutcome {
  const scanner = new RecordScanner(settings);
  const lengths = new FieldLengths(settings);
  const filter = new LoadChunkFilter(settings);
  const kept: Buffer[] = [];
  let consumed = 0;
  let cut = false;
  for (const piece of pieces) {
    const taken = filter.take(piece);
    const part = piece.subarray(0, taken.length);
    scanner.push(part);
    lengths.push(part);
    consumed += part.length;
    const dropped = new Set(taken.dropped);
    kept.push(Buffer.from(part.filter((_, j) => !dropped.has(j))));
    if (taken.cut) {
      cut = true;
      break;
    }
  }
  const scan = scanner.finish();
  return {
    kept: Buffer.concat(kept),
    consumed,
    cut,
    nextLine: scanner.nextLine(),
    headerFields: scan.headerFields,
    records: scan.records,
    fieldCounts: scan.fieldCounts,
    unclosedQuoteLine: scan.unclosedQuoteLine,
    longest: lengths.finish(),
  };
}
