import { decodeStrict } from './decode-strict.js';

/**
 * What the end of a file says about an encoding the head called UTF-8: an export whose first
 * 64 KiB are ASCII (header, ids, dates) may still hold CP949 Korean text further down, which
 * a server-side copy would publish as mojibake. `tail` is the file's last bytes; it may start
 * in the middle of a character. Returns 'utf-8' when the tail is valid UTF-8, 'cp949' when it
 * is not but reads as CP949, undefined when it is neither (left to the head's verdict).
 */
export function tailEncoding(tail: Uint8Array): 'utf-8' | 'cp949' | undefined {
  // Skip UTF-8 continuation bytes a cut left at the start (at most three).
  let start = 0;
  while (start < 3 && start < tail.length && ((tail[start] ?? 0) & 0xc0) === 0x80) start++;
  if (decodeStrict(tail.subarray(start), 'utf-8').ok) return 'utf-8';
  // A cut may also split a CP949 pair: try from the next byte too.
  for (const offset of [0, 1]) {
    if (decodeStrict(tail.subarray(offset), 'cp949').ok) return 'cp949';
  }
  return undefined;
}
