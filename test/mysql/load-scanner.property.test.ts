import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LoadScanSettings } from '../../shared/mysql/load-scanner.js';
import { onePassScan } from './one-pass-scan.js';
import { threePassScan } from './three-pass-scan.js';

const DIALECTS = [
  { delimiter: ',', quote: '"' },
  { delimiter: '\t', quote: '"' },
  { delimiter: '|', quote: "'" },
] as const;

/** Pieces of text, written with D for the delimiter and Q for the quote. */
const TEXT = ['a', 'x1', '가', '서울시 서초구', '😀', '🇰🇷', ' ', '\\', 'é'];
const BREAKS = ['\n', '\r\n', '\r'];

/** Any sequence of CSV's meaningful bytes and text: every state the scanners can be in. */
const tokenSoup = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...TEXT) },
      { weight: 2, arbitrary: fc.constantFrom('D', 'Q', 'QQ') },
      { weight: 2, arbitrary: fc.constantFrom(...BREAKS) },
    ),
    { maxLength: 80 },
  )
  .map((tokens) => tokens.join(''));

/** A value as a CSV field, quoted (quotes doubled) or bare, maybe with text after the quotes. */
const field = fc
  .tuple(
    fc.array(fc.oneof(fc.constantFrom(...TEXT), fc.constantFrom('D', 'Q', ...BREAKS)), {
      maxLength: 6,
    }),
    fc.constantFrom('quoted', 'bare', 'trailing'),
  )
  .map(([parts, how]) => {
    const value = parts.join('');
    if (how === 'bare') return value.replace(/[DQ\r\n]/g, '');
    const quoted = `Q${value.replaceAll('Q', 'QQ')}Q`;
    return how === 'trailing' ? `${quoted}뒤` : quoted;
  });

/** Records of fields, line breaks of one kind or mixed, blank lines anywhere. */
const records = fc
  .tuple(
    fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { maxLength: 8 }),
    fc.constantFrom(...BREAKS, 'mixed'),
    fc.array(fc.nat({ max: 3 }), { maxLength: 8 }),
    fc.boolean(),
  )
  .map(([rows, lineBreak, blanks, trailingBreak]) => {
    const breakOf = (i: number) =>
      lineBreak === 'mixed' ? (BREAKS[i % BREAKS.length] as string) : lineBreak;
    const lines = rows.flatMap((row, i) => [
      ...Array.from({ length: blanks[i] ?? 0 }, () => ''),
      row.join('D'),
    ]);
    return lines
      .map((line, i) => `${line}${i < lines.length - 1 || trailingBreak ? breakOf(i) : ''}`)
      .join('');
  });

/** The text's bytes cut at random places, so characters and CRLFs fall across pieces. */
function cutAt(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const at = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let from = 0;
  for (const to of [...at, bytes.length]) {
    if (to > from) pieces.push(bytes.subarray(from, to));
    from = to;
  }
  return pieces;
}

const scanCase = fc.record({
  text: fc.oneof(tokenSoup, records),
  dialect: fc.constantFrom(...DIALECTS),
  header: fc.boolean(),
  firstLine: fc.integer({ min: 1, max: 9 }),
  limit: fc.option(fc.nat({ max: 400 }), { nil: undefined }),
  cuts: fc.array(fc.nat(), { maxLength: 12 }),
});

describe('LoadScanner', () => {
  it('finds in one pass what the three byte-by-byte passes found, however the bytes are cut', () => {
    fc.assert(
      fc.property(scanCase, ({ text, dialect, header, firstLine, limit, cuts }) => {
        // Prepare
        const csv = text.replaceAll('D', dialect.delimiter).replaceAll('Q', dialect.quote);
        const pieces = cutAt(Buffer.from(csv, 'utf8'), cuts);
        const settings: LoadScanSettings = { ...dialect, header, firstLine, limit };

        // Act
        const oneAtOnce = onePassScan([Buffer.from(csv, 'utf8')], settings);
        const onePass = onePassScan(pieces, settings);
        const threePass = threePassScan(pieces, settings);

        // Assess
        expect(onePass).toEqual(threePass);
        expect(oneAtOnce).toEqual(threePass);
      }),
      { numRuns: 3000 },
    );
  });
});
