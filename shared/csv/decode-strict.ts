import iconv from 'iconv-lite';
import type { CsvEncoding } from './csv-profile.js';

export type DecodeResult = { ok: true; text: string } | { ok: false; invalidAt: number };

/** Decodes bytes that must be wholly valid; on failure, the offset of the first bad byte. */
export function decodeStrict(bytes: Uint8Array, encoding: CsvEncoding): DecodeResult {
  if (encoding === 'cp949') {
    // iconv-lite never throws; CP949 cannot encode U+FFFD, so each one marks a bad byte.
    const text = iconv.decode(bytes, 'cp949', { stripBOM: false });
    const bad = text.indexOf('\uFFFD');
    if (bad < 0) return { ok: true, text };
    return { ok: false, invalidAt: iconv.encode(text.slice(0, bad), 'cp949').length };
  }
  try {
    return {
      ok: true,
      text: new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes),
    };
  } catch {
    // Re-decode leniently to locate the problem; a genuine U+FFFD earlier would make the
    // offset point there instead, which is still a fair hint.
    const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
    const prefix = text.slice(0, Math.max(0, text.indexOf('\uFFFD')));
    const invalidAt = encoding === 'utf-8' ? Buffer.byteLength(prefix, 'utf8') : prefix.length * 2;
    return { ok: false, invalidAt };
  }
}
