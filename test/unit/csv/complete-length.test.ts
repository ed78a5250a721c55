import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { completeLength } from '../../../shared/csv/complete-length.js';

describe('completeLength', () => {
  it.each([
    ['a학', 1, 1],
    ['a학', 2, 1],
    ['a학', 4, 4],
    ['a😀', 4, 1],
    ['a😀', 5, 5],
  ])('utf-8 %s cut at %i keeps %i bytes', (text, cut, expected) => {
    // Prepare
    const bytes = new TextEncoder().encode(text).subarray(0, cut);

    // Act
    const length = completeLength(bytes, 'utf-8');

    // Assess
    expect(length).toBe(expected);
  });

  it('drops a lone CP949 lead byte but not a whole pair', () => {
    // Prepare
    const bytes = iconv.encode('a학교', 'cp949'); // 1 + 2 + 2 bytes

    // Act
    const lengths = [2, 3, 4, 5].map((cut) => completeLength(bytes.subarray(0, cut), 'cp949'));

    // Assess
    expect(lengths).toEqual([1, 3, 3, 5]);
  });

  it('drops an odd byte and a high surrogate waiting for its pair in UTF-16', () => {
    // Prepare
    const le = iconv.encode('a😀', 'utf16le'); // 2 + 4 bytes
    const be = iconv.encode('a😀', 'utf16be');

    // Act
    const lengths = [3, 4, 5, 6].map((cut) => completeLength(le.subarray(0, cut), 'utf-16le'));
    const beLength = completeLength(be.subarray(0, 4), 'utf-16be');

    // Assess
    expect(lengths).toEqual([2, 2, 2, 6]);
    expect(beLength).toBe(2);
  });
});
