import { isAscii } from 'node:buffer';
import { CP949_FIRST_LEAD, CP949_LAST_LEAD, cp949Utf8Table } from './cp949-table.js';

/** The UTF-8 bytes of what was decoded, or where the first undecodable character starts. */
export type Cp949Step =
  | { ok: true; utf8: Buffer }
  | {
      ok: false;
      /** Offset of the first byte of the bad character, counted from the decoder's first byte. */
      invalidAt: number;
      /** The bytes from there (at most two), for the message. */
      bytes: number[];
      /** The input ended after a lead byte. */
      incomplete: boolean;
    };

const NO_LEAD = -1;

/**
 * Decodes CP949 straight into UTF-8 bytes, chunk by chunk, never through a JavaScript string:
 * a table lookup per two-byte character and a copy per ASCII byte. A character split across
 * chunks is completed by the next one (only its lead byte is held); the first undecodable
 * byte stops the decoder with its offset in the whole input. Strict where iconv-lite writes
 * U+FFFD: a file that is not CP949 must be refused, not filed with replacement characters.
 */
export class Cp949ToUtf8 {
  private readonly table = cp949Utf8Table();
  /** Bytes consumed before the current chunk. */
  private offset = 0;
  private heldLead = NO_LEAD;
  private failed = false;

  write(chunk: Uint8Array): Cp949Step {
    if (this.failed) throw new Error('Cp949ToUtf8: write after an undecodable character');
    const start = this.offset;
    this.offset += chunk.length;
    if (this.heldLead === NO_LEAD && isAscii(chunk)) {
      // Header lines, ids and dates: ASCII is UTF-8 as it is.
      return { ok: true, utf8: Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length) };
    }
    return this.decode(chunk, start);
  }

  /** After the last chunk: fails when the input stopped after a lead byte. */
  end(): Cp949Step {
    if (this.heldLead === NO_LEAD) return { ok: true, utf8: Buffer.alloc(0) };
    return this.fail(this.offset - 1, [this.heldLead], true);
  }

  private decode(chunk: Uint8Array, start: number): Cp949Step {
    const table = this.table;
    const length = chunk.length;
    // Worst case: every byte pair becomes 3 UTF-8 bytes, plus the character a held lead begins.
    const out = Buffer.allocUnsafe(length + (length >> 1) + 3);
    let o = 0;
    let i = 0;
    if (this.heldLead !== NO_LEAD && length > 0) {
      const lead = this.heldLead;
      const utf8 = table[(lead << 8) | chunk[0]!]!;
      if (utf8 === 0) return this.fail(start - 1, [lead, chunk[0]!], false);
      o = writeUtf8(out, o, utf8);
      this.heldLead = NO_LEAD;
      i = 1;
    }
    const lastPairStart = length - 1;
    while (i < lastPairStart) {
      const byte = chunk[i]!;
      if (byte < 0x80) {
        out[o++] = byte;
        i++;
        continue;
      }
      const utf8 = table[(byte << 8) | chunk[i + 1]!]!;
      if (utf8 === 0) return this.fail(start + i, [byte, chunk[i + 1]!], false);
      // Inlined writeUtf8, the loop every Korean character goes through: three bytes always
      // written (the buffer has room), the count says how many are kept.
      out[o] = utf8 & 0xff;
      out[o + 1] = (utf8 >> 8) & 0xff;
      out[o + 2] = (utf8 >> 16) & 0xff;
      o += utf8 >>> 24;
      i += 2;
    }
    if (i === lastPairStart) {
      // The chunk's last byte: ASCII, a lead whose trail is in the next chunk, or bad.
      const byte = chunk[i]!;
      if (byte < 0x80) out[o++] = byte;
      else if (byte >= CP949_FIRST_LEAD && byte <= CP949_LAST_LEAD) this.heldLead = byte;
      else return this.fail(start + i, [byte], false);
    }
    return { ok: true, utf8: out.subarray(0, o) };
  }

  private fail(invalidAt: number, bytes: number[], incomplete: boolean): Cp949Step {
    this.failed = true;
    return { ok: false, invalidAt, bytes, incomplete };
  }
}

/** Writes a packed table entry (see cp949Utf8Table); returns the next free offset. */
function writeUtf8(out: Buffer, at: number, utf8: number): number {
  out[at] = utf8 & 0xff;
  out[at + 1] = (utf8 >> 8) & 0xff;
  out[at + 2] = (utf8 >> 16) & 0xff;
  return at + (utf8 >>> 24);
}
