import type { CsvEncoding } from './csv-profile.js';

export interface ByteOrderMark {
  encoding: CsvEncoding;
  length: number;
}

/** The byte-order mark the bytes start with, if any. */
export function readByteOrderMark(bytes: Uint8Array): ByteOrderMark | undefined {
  const [b0, b1, b2] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}
