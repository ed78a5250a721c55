import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { Cp949ToUtf8 } from '../../../shared/csv/cp949-to-utf8.js';

/** Decodes one input whole; throws on a failed step so results read as values. */
function decodeWhole(bytes: Uint8Array): string {
  const decoder = new Cp949ToUtf8();
  const body = decoder.write(bytes);
  const end = decoder.end();
  if (!body.ok) return `invalid at ${body.invalidAt}`;
  if (!end.ok) return `incomplete at ${end.invalidAt}`;
  return body.utf8.toString('utf8');
}

describe('Cp949ToUtf8', () => {
  it('maps every byte pair exactly as iconv-lite does, refusing where it would write U+FFFD', () => {
    // Prepare
    const mismatches: string[] = [];

    // Act
    for (let lead = 0x80; lead <= 0xff; lead++) {
      for (let trail = 0x00; trail <= 0xff; trail++) {
        const pair = Buffer.from([lead, trail]);
        const expected = iconv.decode(pair, 'cp949');
        const ours = decodeWhole(pair);
        const agrees = expected.includes('\uFFFD') ? ours === 'invalid at 0' : ours === expected;
        if (!agrees) mismatches.push(`${pair.toString('hex')}: ${ours} vs ${expected}`);
      }
    }

    // Assess
    expect(mismatches).toEqual([]);
  });

  it('reads the syllables only CP949 has, which TextDecoder("euc-kr") silently gets wrong', () => {
    // Prepare: 똠 8C 63, 갂 81 41, 쌰 9B 58
    const source = iconv.encode('똠,갂,쌰', 'cp949');

    // Act
    const ours = decodeWhole(source);
    const textDecoder = new TextDecoder('euc-kr', { fatal: true }).decode(source);

    // Assess
    expect(ours).toBe('똠,갂,쌰');
    // Node's ICU euc-kr: a C1 control and a letter, no error (why the table is our own).
    expect(textDecoder).not.toBe('똠,갂,쌰');
  });

  it.each([
    ['0x80 alone', [0x31, 0x80, 0x31], 1],
    ['0xFF alone', [0x31, 0x32, 0xff], 2],
    ['a user-defined pair (C9 A1)', [0x31, 0xc9, 0xa1], 1],
    ['a lead before a line feed', [0xb0, 0x0a], 0],
  ])('refuses %s at its offset', (_label, bytes, offset) => {
    // Act & Assess
    expect(decodeWhole(Buffer.from(bytes))).toBe(`invalid at ${offset}`);
  });

  it('says the input stopped after a lead byte, at that byte', () => {
    // Prepare
    const source = iconv.encode('학교', 'cp949').subarray(0, 3);

    // Act & Assess
    expect(decodeWhole(source)).toBe('incomplete at 2');
  });

  it('counts offsets across chunks and passes ASCII chunks through as they are', () => {
    // Prepare
    const decoder = new Cp949ToUtf8();
    const ascii = Buffer.from('id,name\n');

    // Act
    const first = decoder.write(ascii);
    const second = decoder.write(iconv.encode('1,김', 'cp949'));
    const third = decoder.write(Buffer.from([0x0a, 0xfe, 0x41]));

    // Assess
    expect(first.ok && first.utf8.buffer === ascii.buffer).toBe(true);
    expect(second.ok && second.utf8.toString('utf8')).toBe('1,김');
    expect(third).toEqual({
      ok: false,
      invalidAt: 8 + 4 + 1,
      bytes: [0xfe, 0x41],
      incomplete: false,
    });
  });
});
