/** Where UTF-8 stops being well-formed. */
export interface Utf8Problem {
  /** Offset of the first byte of the first ill-formed sequence. */
  invalidAt: number;
  /** The bytes from there are a valid start that the input cut short. */
  incomplete: boolean;
}

/**
 * Finds the first ill-formed sequence by Unicode's table of well-formed UTF-8 (no overlong
 * forms, no surrogates, nothing past U+10FFFF: what `isUtf8` and a fatal TextDecoder refuse),
 * or undefined when every byte is well-formed. A byte-by-byte walk: call it to locate a
 * problem that the native check has already found, not to validate.
 */
export function utf8InvalidAt(bytes: Uint8Array): Utf8Problem | undefined {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const [length, low, high] = sequenceOf(lead);
    if (length === 0) return { invalidAt: i, incomplete: false };
    for (let k = 1; k < length; k++) {
      if (i + k >= bytes.length) return { invalidAt: i, incomplete: true };
      const byte = bytes[i + k]!;
      // The second byte has the narrower range that rules out overlongs and surrogates.
      const [min, max] = k === 1 ? [low, high] : [0x80, 0xbf];
      if (byte < min || byte > max) return { invalidAt: i, incomplete: false };
    }
    i += length;
  }
  return undefined;
}

/** Length of the sequence a lead byte starts and its second byte's range; length 0: not a lead. */
function sequenceOf(lead: number): readonly [number, number, number] {
  if (lead >= 0xc2 && lead <= 0xdf) return [2, 0x80, 0xbf];
  if (lead === 0xe0) return [3, 0xa0, 0xbf];
  if (lead === 0xed) return [3, 0x80, 0x9f];
  if (lead >= 0xe1 && lead <= 0xef) return [3, 0x80, 0xbf];
  if (lead === 0xf0) return [4, 0x90, 0xbf];
  if (lead >= 0xf1 && lead <= 0xf3) return [4, 0x80, 0xbf];
  if (lead === 0xf4) return [4, 0x80, 0x8f];
  return [0, 0, 0];
}
