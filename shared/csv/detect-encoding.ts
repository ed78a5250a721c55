import type { EncodingSetting } from '../config/config-schema.js';
import { CsvFormatError } from '../errors.js';
import { readByteOrderMark } from './byte-order-mark.js';
import { completeLength } from './complete-length.js';
import type { CsvEncoding, SniffOptions } from './csv-profile.js';
import { type DecodeResult, decodeStrict } from './decode-strict.js';

/** The head as text, and how its bytes were read. */
export interface DecodedHead {
  encoding: CsvEncoding;
  bom: boolean;
  bomLength: number;
  text: string;
}

const LABELS: Record<CsvEncoding, string> = {
  'utf-8': 'UTF-8',
  cp949: 'CP949',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
};

/**
 * Decodes the head of a CSV: a byte-order mark decides first, then a forced encoding, then
 * valid UTF-8, then CP949 (what Korean Windows tools export). Bad bytes are an error rather
 * than replacement characters, so mis-read text never reaches the catalog.
 */
export function detectEncoding(head: Uint8Array, options: SniffOptions): DecodedHead {
  const { fileName, truncated } = options;
  const forced = forcedEncoding(options.encoding);
  const mark = readByteOrderMark(head);
  if (forced && mark && mark.encoding !== forced) {
    throw new CsvFormatError(
      `${fileName}: encoding is set to ${options.encoding} but the file starts with a ${LABELS[mark.encoding]} byte-order mark`,
    );
  }
  const bomLength = mark?.length ?? 0;
  const known = forced ?? mark?.encoding;
  if (known) {
    const result = decodeBody(head, bomLength, known, truncated);
    if (result.ok) return { encoding: known, bom: bomLength > 0, bomLength, text: result.text };
    const why = forced ? `encoding is set to ${options.encoding}` : 'it has a byte-order mark';
    throw new CsvFormatError(
      `${fileName}: is not valid ${LABELS[known]} (${why}): undecodable bytes at offset ${result.invalidAt}`,
    );
  }
  // No mark and nothing forced: UTF-8 when it decodes, else CP949 (Korean Windows exports).
  const utf8 = decodeBody(head, 0, 'utf-8', truncated);
  if (utf8.ok) return { encoding: 'utf-8', bom: false, bomLength: 0, text: utf8.text };
  const cp949 = decodeBody(head, 0, 'cp949', truncated);
  if (cp949.ok) return { encoding: 'cp949', bom: false, bomLength: 0, text: cp949.text };
  // Each reading stops at its own byte: both are named, the later one first (the head is
  // usually right up to there, and that is the byte to look at).
  throw new CsvFormatError(
    `${fileName}: is neither UTF-8 nor CP949: undecodable bytes at offset ${Math.max(utf8.invalidAt, cp949.invalidAt)} (as UTF-8 at offset ${utf8.invalidAt}, as CP949 at offset ${cp949.invalidAt})${utf16Hint(head)}`,
  );
}

/**
 * UTF-16 without a byte-order mark cannot be told from other bytes for sure, but ASCII text in
 * it leaves a zero byte in every other place: say which setting would read it.
 */
function utf16Hint(head: Uint8Array): string {
  const sample = head.subarray(0, 4096 - (Math.min(head.length, 4096) % 2));
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] === 0) {
      if (i % 2 === 0) evenZeros++;
      else oddZeros++;
    }
  }
  const pairs = sample.length / 2;
  if (pairs < 2) return '';
  // Digits, delimiters and line breaks are ASCII even in a Korean file: a quarter of the pairs
  // at least; a Hangul syllable may put a zero on the other side (가 is U+AC00), rarely.
  const guess = oddZeros >= pairs / 4 && evenZeros <= oddZeros / 4 ? 'utf-16le' : undefined;
  const other = evenZeros >= pairs / 4 && oddZeros <= evenZeros / 4 ? 'utf-16be' : undefined;
  const encoding = guess ?? other;
  return encoding
    ? `; it looks like ${encoding.toUpperCase()} without a byte-order mark: set encoding: ${encoding} for this table (tables.<table>.encoding) or export it with a byte-order mark`
    : '';
}

function forcedEncoding(setting: EncodingSetting | undefined): CsvEncoding | undefined {
  if (setting === undefined || setting === 'auto') return undefined;
  return setting === 'euc-kr' ? 'cp949' : setting;
}

function decodeBody(
  head: Uint8Array,
  bomLength: number,
  encoding: CsvEncoding,
  truncated: boolean,
): DecodeResult {
  const body = head.subarray(bomLength);
  const end = truncated ? completeLength(body, encoding) : body.length;
  const result = decodeStrict(body.subarray(0, end), encoding);
  return result.ok ? result : { ok: false, invalidAt: result.invalidAt + bomLength };
}
