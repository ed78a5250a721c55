const LF = 0x0a;
const CR = 0x0d;

/**
 * The longest value of each field of a CSV's data records, in characters, measured byte by
 * byte as the file streams past (bounded memory): enclosing quotes are not counted, a doubled
 * quote inside them counts once, a UTF-8 character counts once however many bytes it takes.
 * The header record is skipped. Quoting follows RecordScanner (a quote opens a field only at
 * its start; `\n`, `\r\n` and `\r` outside quotes end a record).
 */
export class FieldLengths {
  private readonly delimiter: number;
  private readonly quote: number;
  private readonly longest: number[] = [];
  private inHeader = true;
  private inQuotes = false;
  private quotePending = false;
  private fieldStart = true;
  private previousWasCr = false;
  private field = 0;
  private chars = 0;
  private recordBytes = 0;

  constructor(settings: { delimiter: string; quote: string }) {
    this.delimiter = settings.delimiter.charCodeAt(0);
    this.quote = settings.quote.charCodeAt(0);
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
