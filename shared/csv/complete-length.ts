import type { CsvEncoding } from './csv-profile.js';

/**
 * How many leading bytes form whole characters. A Range GET cuts at a byte count, so a
 * truncated head may end inside a multi-byte character; that tail must not count as invalid.
 */
export function completeLength(bytes: Uint8Array, encoding: CsvEncoding): number {
  switch (encoding) {
    case 'utf-8':
      return completeUtf8Length(bytes);
    case 'cp949':
      return completeCp949Length(bytes);
    case 'utf-16le':
    case 'utf-16be':
      return completeUtf16Length(bytes, encoding === 'utf-16le');
  }
}

function completeUtf8Length(bytes: Uint8Array): number {
  // The last lead byte sits at most 3 bytes from the end; continuation bytes are 10xxxxxx.
  for (let i = bytes.length - 1; i >= 0 && i >= bytes.length - 4; i--) {
    const byte = bytes[i]!;
    if ((byte & 0xc0) === 0x80) continue;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return bytes.length - i < needed ? i : bytes.length;
  }
  return bytes.length;
}

function completeCp949Length(bytes: Uint8Array): number {
  // Lead bytes (0x81–0xFE) take the next byte as a trail, so only a walk from the start can
  // tell whether the last byte is a lone lead.
  let i = 0;
  while (i < bytes.length) i += isCp949Lead(bytes[i]!) ? 2 : 1;
  return i > bytes.length ? bytes.length - 1 : bytes.length;
}

function isCp949Lead(byte: number): boolean {
  return byte >= 0x81 && byte <= 0xfe;
}

function completeUtf16Length(bytes: Uint8Array, littleEndian: boolean): number {
  const even = bytes.length - (bytes.length % 2);
  if (even < 2) return even;
  const unit = littleEndian
    ? bytes[even - 2]! | (bytes[even - 1]! << 8)
    : (bytes[even - 2]! << 8) | bytes[even - 1]!;
  // A high surrogate at the end waits for its low half.
  return unit >= 0xd800 && unit <= 0xdbff ? even - 2 : even;
}
