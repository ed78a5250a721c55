import { Transform, type TransformCallback } from 'node:stream';
import { type RecordScan, RecordScanner } from '../csv/record-scanner.js';
import { FieldLengths } from './field-lengths.js';

/**
 * Passes a CSV's bytes through unchanged, as Buffers (mysql2's LOCAL INFILE writes each chunk
 * with `Buffer#copy`: a string or a bare Uint8Array crashes it), while a RecordScanner counts
 * the records, so the rows MySQL reports can be checked against the rows the file holds, and
 * FieldLengths measures every value, so a column too narrow for it can be widened.
 */
export class CountingStream extends Transform {
  private readonly scanner: RecordScanner;
  private readonly lengths: FieldLengths;
  private scan: RecordScan | undefined;
  private longest: number[] | undefined;

  constructor(settings: { delimiter: string; quote: string }) {
    super();
    this.scanner = new RecordScanner(settings);
    this.lengths = new FieldLengths(settings);
  }

  override _transform(chunk: Uint8Array | string, _: BufferEncoding, done: TransformCallback) {
    const bytes =
      typeof chunk === 'string'
        ? Buffer.from(chunk)
        : Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.scanner.push(bytes);
    this.lengths.push(bytes);
    done(null, bytes);
  }

  override _flush(done: TransformCallback) {
    this.scan = this.scanner.finish();
    this.longest = this.lengths.finish();
    done();
  }

  /** What the scanner found; only after the stream has ended. */
  result(): { scan: RecordScan; longest: number[] } {
    if (!this.scan || !this.longest) throw new Error('the file was not read to its end');
    return { scan: this.scan, longest: this.longest };
  }
}
