import { Cp949ToUtf8 } from './cp949-to-utf8.js';
import type { CsvEncoding } from './csv-profile.js';
import { utf8InvalidAt } from './utf8-invalid-at.js';

export type DecodeResult = { ok: true; text: string } | { ok: false; invalidAt: number };

/** Decodes bytes that must be wholly valid; on failure, the offset of the first bad byte. */
export function decodeStrict(bytes: Uint8Array, encoding: CsvEncoding): DecodeResult {
  if (encoding === 'cp949') {
    const decoder = new Cp949ToUtf8();
    const body = decoder.write(bytes);
    if (!body.ok) return { ok: false, invalidAt: body.invalidAt };
    const end = decoder.end();
    if (!end.ok) return { ok: false, invalidAt: end.invalidAt };
    return { ok: true, text: body.utf8.toString('utf8') };
  }
  try {
    return {
      ok: true,
      text: new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes),
    };
  } catch {
    return { ok: false, invalidAt: invalidOffset(bytes, encoding) };
  }
}

function invalidOffset(bytes: Uint8Array, encoding: 'utf-8' | 'utf-16le' | 'utf-16be'): number {
  if (encoding === 'utf-8') return utf8InvalidAt(bytes)?.invalidAt ?? 0;
  // Re-decode leniently to locate the problem; a genuine U+FFFD earlier would make the
  // offset point there instead, which is still a fair hint.
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
  return Math.max(0, text.indexOf('\uFFFD')) * 2;
}
