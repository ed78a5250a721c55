import { Transform, type TransformCallback } from 'node:stream';
import { type LoadScan, LoadScanner } from './load-scanner.js';

export interface CountingSettings {
  delimiter: string;
  quote: string;
  /** The bytes start at the file's header (chunk 0); later chunks start past it. */
  header?: boolean | undefined;
  /** The file's line number of the first byte, for the lines named in errors. */
  firstLine?: number | undefined;
  /** End the stream at the first record end at or past this many bytes. */
  limit?: number | undefined;
  /** Called once when the stream ends at `limit`: the source is no longer needed. */
  onCut?: (() => void) | undefined;
}

/** What the stream read, once it has ended. */
export interface CountedChunk {
  scan: LoadScan;
  /** Longest value per field, in characters. */
  longest: number[];
  /** Bytes taken from the source (blank lines included): the next chunk starts after them. */
  consumed: number;
  /** The stream ended at `limit`, not at the source's end. */
  cut: boolean;
  /** The file's line number where the next chunk starts. */
  nextLine: number;
}

/**
 * Passes a CSV's bytes through unchanged, as Buffers (mysql2's LOCAL INFILE writes each chunk
 * with `Buffer#copy`: a string or a bare Uint8Array crashes it), while one LoadScanner pass
 * counts the records, so the rows MySQL reports can be checked against the rows the file
 * holds, and measures every value, so a column too narrow for it can be widened. Blank lines
 * are left out and the stream ends at a chunk's last record end; nothing is buffered beyond
 * the piece in hand.
 */
export class CountingStream extends Transform {
  private readonly scanner: LoadScanner;
  private readonly onCut: (() => void) | undefined;
  private consumed = 0;
  private cut = false;
  private counted: CountedChunk | undefined;

  constructor(settings: CountingSettings) {
    super();
    this.scanner = new LoadScanner(settings);
    this.onCut = settings.onCut;
  }

  override _transform(chunk: Uint8Array | string, _: BufferEncoding, done: TransformCallback) {
    if (this.cut) {
      done(); // bytes past the chunk's end, in flight before the source stopped
      return;
    }
    const bytes =
      typeof chunk === 'string'
        ? Buffer.from(chunk)
        : Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const taken = this.scanner.take(bytes);
    const part = taken.length === bytes.length ? bytes : bytes.subarray(0, taken.length);
    this.consumed += part.length;
    const kept = withoutDropped(part, taken.dropped);
    if (kept.length > 0) this.push(kept);
    if (!taken.cut) {
      done();
      return;
    }
    this.cut = true;
    this.finishCount();
    this.push(null);
    done();
    this.onCut?.();
  }

  override _flush(done: TransformCallback) {
    if (!this.cut) this.finishCount();
    done();
  }

  /** What the stream read; only after it has ended. */
  result(): CountedChunk {
    if (!this.counted) throw new Error('the file was not read to its end');
    return this.counted;
  }

  private finishCount(): void {
    const { scan, longest } = this.scanner.finish();
    this.counted = {
      scan,
      longest,
      consumed: this.consumed,
      cut: this.cut,
      nextLine: this.scanner.nextLine(),
    };
  }
}

/** The buffer without the bytes at `dropped` (ascending); the buffer itself when none. */
function withoutDropped(bytes: Buffer, dropped: readonly number[]): Buffer {
  if (dropped.length === 0) return bytes;
  const pieces: Buffer[] = [];
  let from = 0;
  for (const at of dropped) {
    if (at > from) pieces.push(bytes.subarray(from, at));
    from = at + 1;
  }
  if (from < bytes.length) pieces.push(bytes.subarray(from));
  return Buffer.concat(pieces);
}
