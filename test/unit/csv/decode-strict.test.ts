import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeStrict } from '../../../shared/csv/decode-strict.js';

describe('decodeStrict', () => {
  it('decodes CP949 Korean, CP949-only syllables included', () => {
    // Prepare
    const source = iconv.encode('학교명,이름\n서울초,똠방각하\n', 'cp949');

    // Act & Assess
    expect(decodeStrict(source, 'cp949')).toEqual({
      ok: true,
      text: '학교명,이름\n서울초,똠방각하\n',
    });
  });

  it('gives the offset of the first bad CP949 byte', () => {
    // Prepare
    const source = Buffer.concat([iconv.encode('학교,', 'cp949'), Buffer.from([0xff, 0x31])]);

    // Act & Assess
    expect(decodeStrict(source, 'cp949')).toEqual({ ok: false, invalidAt: 5 });
  });

  it('gives the exact UTF-8 offset even after a genuine U+FFFD', () => {
    // Prepare: U+FFFD is valid text; the bad byte comes after it
    const source = Buffer.concat([Buffer.from('학\uFFFD,'), Buffer.from([0xc3, 0x28])]);

    // Act & Assess
    expect(decodeStrict(source, 'utf-8')).toEqual({ ok: false, invalidAt: 7 });
  });
});
