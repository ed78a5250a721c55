import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type CountingSettings, CountingStream } from '../../shared/mysql/counting-stream.js';

/** Pipes text through a CountingStream in pieces of `step` bytes; what passed and what it counted. */
async function count(text: string, step: number, settings: Partial<CountingSettings> = {}) {
  const bytes = Buffer.from(text, 'utf8');
  const pieces = Array.from({ length: Math.ceil(bytes.length / step) }, (_, i) =>
    bytes.subarray(i * step, i * step + step),
  );
  const source = Readable.from(pieces);
  let cuts = 0;
  const counting = new CountingStream({
    delimiter: ',',
    quote: '"',
    ...settings,
    onCut: () => {
      cuts++;
      source.unpipe(counting);
      source.destroy();
    },
  });
  source.pipe(counting);
  const passed: Buffer[] = [];
  for await (const chunk of counting) passed.push(chunk as Buffer);
  return { passed: Buffer.concat(passed).toString('utf8'), cuts, ...counting.result() };
}

describe('CountingStream', () => {
  it('ends at the first record end past the limit, counting the records and the file’s lines of that piece only', async () => {
    // Prepare
    const text = '이름,주소\n가,"서울\n서초"\n나,부산\n다,대구\n';
    const header = Buffer.byteLength('이름,주소\n');

    // Act
    const first = await count(text, 3, { limit: header + 1 });
    const rest = await count(text.slice('이름,주소\n가,"서울\n서초"\n'.length), 4, {
      header: false,
      firstLine: first.nextLine,
    });

    // Assess
    expect(first).toMatchObject({
      passed: '이름,주소\n가,"서울\n서초"\n',
      cut: true,
      cuts: 1,
      nextLine: 4,
      longest: [1, 5],
    });
    expect(first.consumed).toBe(Buffer.byteLength(first.passed));
    expect(first.scan).toMatchObject({ headerFields: 2, records: 1 });
    expect(rest).toMatchObject({ passed: '나,부산\n다,대구\n', cut: false, cuts: 0, nextLine: 6 });
    expect(rest.scan).toMatchObject({ headerFields: 0, records: 2 });
    expect(rest.scan.fieldCounts).toEqual([{ fields: 2, records: 2, lines: [4, 5] }]);
    expect(rest.longest).toEqual([1, 2]);
  });

  it('leaves blank lines out of what it passes but counts their bytes as consumed', async () => {
    // Prepare
    const text = '\r\n이름,주소\r\n\r\n가,나\r\n\r\n';

    // Act
    const counted = await count(text, 2);

    // Assess
    expect(counted.passed).toBe('이름,주소\r\n가,나\r\n');
    expect(counted.consumed).toBe(Buffer.byteLength(text));
    expect(counted.scan).toMatchObject({ headerFields: 2, records: 1 });
  });
});

describe('CountingStream line numbers', () => {
  it('names the file’s lines of ragged records and of a quote never closed, past quoted CR, LF and CRLF', async () => {
    // Prepare
    const text =
      '이름,주소\r\n가,"서\r울\n시\r\n구"\r\n나\r\n\r\n다,라,마\r\n바,"끝없는\r\n따옴표\r\n';

    // Act
    const counted = await count(text, 4, { header: false, firstLine: 10 });

    // Assess
    expect(counted.scan).toEqual({
      headerFields: 0,
      records: 5,
      fieldCounts: [
        { fields: 1, records: 1, lines: [15] },
        { fields: 2, records: 3, lines: [10, 11, 18] },
        { fields: 3, records: 1, lines: [17] },
      ],
      unclosedQuoteLine: 18,
    });
    expect(counted.nextLine).toBe(20);
  });
});
