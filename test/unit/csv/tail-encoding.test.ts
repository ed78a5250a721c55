import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { tailEncoding } from '../../../shared/csv/tail-encoding.js';

describe('tailEncoding', () => {
  it('accepts UTF-8 cut in the middle of a character', () => {
    // Prepare: '학교' is three bytes a character; drop the first byte
    const tail = Buffer.from('1,학교\n2,서울\n').subarray(3);

    // Act & Assess
    expect(tailEncoding(tail)).toBe('utf-8');
  });

  it('says CP949 for Korean text that is not UTF-8', () => {
    // Act & Assess
    expect(tailEncoding(iconv.encode('1,김민준,서울초등학교\n', 'cp949'))).toBe('cp949');
  });

  it('says CP949 when the cut splits a CP949 pair', () => {
    // Prepare
    const tail = iconv.encode('김민준,서울\n', 'cp949').subarray(1);

    // Act & Assess
    expect(tailEncoding(tail)).toBe('cp949');
  });

  it('takes plain ASCII as UTF-8', () => {
    // Act & Assess
    expect(tailEncoding(Buffer.from('1,2,3\n'))).toBe('utf-8');
  });
});
