import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';
import { CsvFormatError } from '../errors.js';
import type { CsvEncoding } from './csv-profile.js';

const ICONV_NAMES = { cp949: 'cp949', 'utf-16le': 'utf16le', 'utf-16be': 'utf16be' } as const;

/**
 * Turns a CSV's bytes into UTF-8 without BOM, emitting Buffers. Skips the first `bomLength`
 * bytes (0 when the read already started past the mark), then decodes incrementally: memory
 * stays at one chunk plus a split character, and characters split across chunks come out
 * whole. UTF-8 passes through. Undecodable CP949 bytes fail the stream instead of becoming
 * U+FFFD, as the sniffer refuses them; `fileName` starts the error message.
 */
export function utf8TranscodeStream(
  encoding: CsvEncoding,
  bomLength = 0,
  fileName = `${encoding} input`,
): Transform {
  let toSkip = bomLength;
  let offset = 0;
  const decoder =
    encoding === 'utf-8' ? undefined : iconv.getDecoder(ICONV_NAMES[encoding], { stripBOM: false });

  let heldSurrogate = '';
  const emit = (decoded: string, problem: string, callback: TransformCallback, last = false) => {
    // CP949 cannot encode U+FFFD, so any one is the decoder's replacement for bad bytes.
    if (encoding === 'cp949' && decoded.includes('\uFFFD')) {
      callback(new CsvFormatError(`${fileName}: ${problem}`));
      return;
    }
    // A UTF-16 pair split across chunks would encode as two U+FFFD: hold its first half back.
    let text = heldSurrogate + decoded;
    heldSurrogate = '';
    if (!last && /[\uD800-\uDBFF]$/.test(text)) {
      heldSurrogate = text.slice(-1);
      text = text.slice(0, -1);
    }
    callback(null, text.length > 0 ? Buffer.from(text, 'utf8') : undefined);
  };

  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      const skipped = Math.min(toSkip, chunk.length);
      toSkip -= skipped;
      const bytes = chunk.subarray(skipped);
      const start = offset;
      offset += chunk.length;
      if (!decoder) {
        callback(null, bytes.length > 0 ? bytes : undefined);
        return;
      }
      emit(
        decoder.write(bytes),
        `undecodable CP949 bytes between stream offsets ${start} and ${offset}`,
        callback,
      );
    },
    flush(callback) {
      emit(decoder?.end() ?? '', 'ends in the middle of a CP949 character', callback, true);
    },
  });
}
