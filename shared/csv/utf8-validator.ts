import { isUtf8 } from 'node:buffer';
import { completeLength } from './complete-length.js';
import { type Utf8Problem, utf8InvalidAt } from './utf8-invalid-at.js';

const EMPTY = Buffer.alloc(0);

/**
 * Checks a UTF-8 stream chunk by chunk without holding it: the native `isUtf8` checks each
 * chunk's whole characters, and only a character cut by the chunk's end (at most 3 bytes) is
 * held for the next. Problems come back with their offset in the whole input.
 */
export class Utf8Validator {
  /** Bytes seen before the current chunk, held ones included. */
  private offset = 0;
  private held: Buffer = EMPTY;

  write(chunk: Uint8Array): Utf8Problem | undefined {
    const data = this.held.length > 0 ? Buffer.concat([this.held, chunk]) : chunk;
    const dataStart = this.offset - this.held.length;
    this.offset += chunk.length;
    const whole = completeLength(data, 'utf-8');
    if (!isUtf8(data.subarray(0, whole)))
      return at(dataStart, utf8InvalidAt(data.subarray(0, whole)));
    // Copied: the caller may reuse the chunk's memory once it has been passed on.
    this.held = whole < data.length ? Buffer.from(data.subarray(whole)) : EMPTY;
    return undefined;
  }

  /** After the last chunk: a character still held was cut short by the end of the input. */
  end(): Utf8Problem | undefined {
    if (this.held.length === 0) return undefined;
    const start = this.offset - this.held.length;
    return at(start, utf8InvalidAt(this.held) ?? { invalidAt: 0, incomplete: true });
  }
}

function at(start: number, problem: Utf8Problem | undefined): Utf8Problem {
  // isUtf8 said no, so the walk finds something; the fallback only satisfies the types.
  const found = problem ?? { invalidAt: 0, incomplete: false };
  return { invalidAt: start + found.invalidAt, incomplete: found.incomplete };
}
