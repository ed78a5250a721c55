import { describe, expect, it } from 'vitest';
import { onePassScan, piecesOf } from './one-pass-scan.js';

describe('LoadScanner: the longest value per field', () => {
  it('counts characters, not bytes or enclosing quotes, across chunk edges, skipping the header', () => {
    // Prepare
    const text = '아주긴헤더이름,b\r\n"가""나",x\r\n"줄\r\n바꿈",\r\n';

    // Act
    const { longest } = onePassScan(piecesOf(text, 3), { delimiter: ',', quote: '"' });

    // Assess
    // "가""나" is 가"나: 3; the quoted 줄\r\n바꿈 keeps its CRLF: 5.
    expect(longest).toEqual([5, 1]);
  });

  it('counts a character outside the Basic Multilingual Plane once, and text after the closing quote', () => {
    // Prepare
    const text = '이름,비고\n"😀가"뒤,""""\n😀,"🇰🇷"\n';

    // Act
    const measured = [1, 2, 5, 64].map(
      (step) => onePassScan(piecesOf(text, step), { delimiter: ',', quote: '"' }).longest,
    );

    // Assess
    // "😀가"뒤 is 😀가뒤: 3; """" is one quote: 1; 🇰🇷 is two regional indicators: 2.
    expect(measured).toEqual([
      [3, 2],
      [3, 2],
      [3, 2],
      [3, 2],
    ]);
  });

  it('measures only the data records of a later chunk, however long its first record', () => {
    // Prepare
    const text = '가나다라마,바\n아,자차카\n';

    // Act
    const withHeader = onePassScan(piecesOf(text, 4), { delimiter: ',', quote: '"' });
    const pastHeader = onePassScan(piecesOf(text, 4), {
      delimiter: ',',
      quote: '"',
      header: false,
    });

    // Assess
    expect(withHeader.longest).toEqual([1, 3]);
    expect(pastHeader.longest).toEqual([5, 3]);
  });
});
