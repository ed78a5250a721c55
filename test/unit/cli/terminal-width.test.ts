import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { terminalWidth } from '../../../cli/terminal-width.js';

/** The code points terminalWidth counts itself, without string-width. */
const SIMPLE_RANGES: [number, number][] = [
  [0x20, 0x7e],
  [0x2010, 0x2027],
  [0x4e00, 0x9fff],
  [0xac00, 0xd7a3],
];

describe('terminalWidth counts as string-width does', () => {
  it('for every code point it counts itself', () => {
    // Prepare
    const texts = SIMPLE_RANGES.flatMap(([from, to]) =>
      Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i)),
    );

    // Act
    const differing = texts.filter((t) => terminalWidth(t) !== stringWidth(t));

    // Assess
    expect(differing).toEqual([]);
  });

  it('for any mix of Korean, Latin, emoji, combining marks and control characters', () => {
    // Prepare: simple text with, now and then, what only string-width counts right
    const pieces = fc.constantFrom(
      'a',
      'Z',
      ' ',
      '학',
      '생',
      '校',
      '…',
      '—',
      '’',
      'é',
      'e\u0301',
      '\u1100\u1161',
      '👍',
      '👨‍👩‍👧',
      '\u001b[31m',
      '\t',
      '\u200b',
      'ｱ',
    );

    // Act & Assess
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(terminalWidth(text)).toBe(stringWidth(text));
      }),
    );
  });
});
