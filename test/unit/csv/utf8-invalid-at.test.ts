import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8InvalidAt } from '../../../shared/csv/utf8-invalid-at.js';

const isWellFormed = (bytes: Uint8Array) => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/** Mostly valid UTF-8 (Korean, ASCII, emoji) with a few stray bytes mixed in. */
const mixedBytes = fc
  .array(
    fc.oneof(
      {
        weight: 5,
        arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }).map((s) => [...Buffer.from(s)]),
      },
      {
        weight: 5,
        arbitrary: fc.constantFrom('학', '교', 'a', '😀').map((s) => [...Buffer.from(s)]),
      },
      { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0xff }).map((b) => [b]) },
    ),
    { maxLength: 40 },
  )
  .map((parts) => Uint8Array.from(parts.flat()));

describe('utf8InvalidAt', () => {
  it('agrees with a fatal TextDecoder, and everything before the offset is well-formed', () => {
    fc.assert(
      fc.property(mixedBytes, (bytes) => {
        // Act
        const problem = utf8InvalidAt(bytes);

        // Assess
        expect(problem === undefined).toBe(isWellFormed(bytes));
        if (problem) {
          expect(isWellFormed(bytes.subarray(0, problem.invalidAt))).toBe(true);
          expect(isWellFormed(bytes.subarray(0, problem.invalidAt + 1))).toBe(false);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it.each([
    ['an overlong slash', [0x61, 0xc0, 0xaf], 1, false],
    ['a surrogate', [0x61, 0x62, 0xed, 0xa0, 0x80], 2, false],
    ['past U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0, false],
    ['a cut-short 학', [0x31, 0xed, 0x95], 1, true],
  ])('finds %s', (_label, bytes, invalidAt, incomplete) => {
    // Act & Assess
    expect(utf8InvalidAt(Uint8Array.from(bytes))).toEqual({ invalidAt, incomplete });
  });
});
