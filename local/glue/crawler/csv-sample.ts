/** How much of each object the crawler reads: Glue classifies from the head of a file. */
export const SAMPLE_BYTES = 1024 * 1024;

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** 3 when the bytes start with a UTF-8 BOM, else 0. */
export function bomLength(bytes: Uint8Array): number {
  return UTF8_BOM.every((byte, index) => bytes[index] === byte) ? UTF8_BOM.length : 0;
}

/**
 * Turns the head of an object into text: the UTF-8 BOM is skipped, and a sample cut short is
 * trimmed back to its last line break so that no half line (or half character) is classified.
 * Throws when the bytes are not UTF-8.
 */
export function decodeSample(bytes: Uint8Array, truncated: boolean): string {
  const start = bomLength(bytes);
  let end = bytes.length;
  if (truncated) {
    const lastBreak = bytes.lastIndexOf(0x0a);
    if (lastBreak >= start) end = lastBreak + 1;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, end));
  } catch {
    throw new Error('the content is not valid UTF-8 text');
  }
}

/** Drops the last line of a text (used to step back out of a quoted field a sample cut). */
export function withoutLastLine(text: string): string | undefined {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  const lastBreak = body.lastIndexOf('\n');
  return lastBreak < 0 ? undefined : body.slice(0, lastBreak + 1);
}
