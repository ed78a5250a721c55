import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';
import { CsvFormatError } from '../errors.js';
import { type Cp949Step, Cp949ToUtf8 } from './cp949-to-utf8.js';
import type { CsvEncoding } from './csv-profile.js';
import { Utf8Validator } from './utf8-validator.js';

const UTF16_NAMES = { 'utf-16le': 'utf16le', 'utf-16be': 'utf16be' } as const;

/** A chunk's UTF-8, or why the input cannot be read (the message after the file name). */
type ChunkResult = { utf8: Buffer } | { problem: string };

interface ChunkDecoder {
  write(bytes: Buffer): ChunkResult;
  end(): ChunkResult;
}

/**
 * Turns a CSV's bytes into UTF-8 without BOM, emitting Buffers. Skips the first `bomLength`
 * bytes (0 when the read already started past the mark), then decodes incrementally: memory
 * stays at one chunk plus a split character, and characters split across chunks come out
 * whole. UTF-8 passes through, checked; CP949 is decoded by a table straight into UTF-8
 * bytes. An undecodable byte fails the stream instead of becoming U+FFFD, with a message that
 * starts with `fileName` and gives the byte's offset in the file: `startOffset` is where in
 * the file the stream's first byte sits (the mark's length when the read skipped it).
 */
export function utf8TranscodeStream(
  encoding: CsvEncoding,
  bomLength = 0,
  fileName = `${encoding} input`,
  startOffset = 0,
): Transform {
  let toSkip = bomLength;
  const decoder = chunkDecoder(encoding, startOffset + bomLength);
  const emit = (result: ChunkResult, callback: TransformCallback) => {
    if ('problem' in result) callback(new CsvFormatError(`${fileName}: ${result.problem}`));
    else callback(null, result.utf8.length > 0 ? result.utf8 : undefined);
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      const skipped = Math.min(toSkip, chunk.length);
      toSkip -= skipped;
      emit(decoder.write(chunk.subarray(skipped)), callback);
    },
    flush(callback) {
      emit(decoder.end(), callback);
    },
  });
}

/** A decoder for `encoding` whose messages count offsets from `firstOffset`. */
function chunkDecoder(encoding: CsvEncoding, firstOffset: number): ChunkDecoder {
  switch (encoding) {
    case 'cp949':
      return cp949Decoder(firstOffset);
    case 'utf-8':
      return utf8Checker(firstOffset);
    case 'utf-16le':
    case 'utf-16be':
      return utf16Decoder(encoding);
  }
}

function cp949Decoder(firstOffset: number): ChunkDecoder {
  const decoder = new Cp949ToUtf8();
  const result = (step: Cp949Step): ChunkResult => {
    if (step.ok) return { utf8: step.utf8 };
    const at = firstOffset + step.invalidAt;
    if (step.incomplete)
      return { problem: `ends in the middle of a CP949 character at offset ${at}` };
    return { problem: `undecodable CP949 bytes at offset ${at}: ${hex(step.bytes)}` };
  };
  return { write: (bytes) => result(decoder.write(bytes)), end: () => result(decoder.end()) };
}

function utf8Checker(firstOffset: number): ChunkDecoder {
  const validator = new Utf8Validator();
  const result = (bytes: Buffer, problem = validator.write(bytes)): ChunkResult => {
    if (!problem) return { utf8: bytes };
    const at = firstOffset + problem.invalidAt;
    if (problem.incomplete)
      return { problem: `ends in the middle of a UTF-8 character at offset ${at}` };
    return { problem: `is not valid UTF-8: undecodable bytes at offset ${at}` };
  };
  return { write: (bytes) => result(bytes), end: () => result(Buffer.alloc(0), validator.end()) };
}

function utf16Decoder(encoding: keyof typeof UTF16_NAMES): ChunkDecoder {
  const decoder = iconv.getDecoder(UTF16_NAMES[encoding], { stripBOM: false });
  let heldSurrogate = '';
  const utf8 = (decoded: string, last: boolean): ChunkResult => {
    // A UTF-16 pair split across chunks would encode as two U+FFFD: hold its first half back.
    let text = heldSurrogate + decoded;
    heldSurrogate = '';
    if (!last && /[\uD800-\uDBFF]$/.test(text)) {
      heldSurrogate = text.slice(-1);
      text = text.slice(0, -1);
    }
    return { utf8: Buffer.from(text, 'utf8') };
  };
  return {
    write: (bytes) => utf8(decoder.write(bytes), false),
    end: () => utf8(decoder.end() ?? '', true),
  };
}

function hex(bytes: readonly number[]): string {
  return bytes.map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
}
