import { describe, expect, it } from 'vitest';
import { RecordScanner, raggedCounts, scanRecords } from '../../../shared/csv/record-scanner.js';

const COMMA = { delimiter: ',', quote: '"' };

/** Scans `text` fed in chunks of `size` bytes (1: every byte its own chunk). */
function scanInChunks(text: string, size: number, settings = COMMA) {
  const bytes = new TextEncoder().encode(text);
  const scanner = new RecordScanner(settings);
  for (let i = 0; i < bytes.length; i += size) scanner.push(bytes.subarray(i, i + size));
  return scanner.finish();
}

describe('RecordScanner', () => {
  const multiline =
    '학번,이름,주소\r\n1,"김""민준","서울특별시\r\n마포구"\r\n2,이서연,"부산"\r\n3,"박,서준",대구\r\n';

  it.each([1, 2, 3, 7, 1024])('reads the same whatever the chunk size (%i bytes)', (size) => {
    // Act
    const scan = scanInChunks(multiline, size);

    // Assess
    expect(scan).toEqual({
      headerFields: 3,
      records: 3,
      firstQuotedLineBreak: 2,
      quotedLineBreakRecords: 1,
      fieldCounts: [{ fields: 3, records: 3, lines: [2, 4, 5] }],
      controlBytes: (1 << 0x0a) | (1 << 0x0d),
    });
  });

  it('counts fields per line of a ragged file, blank lines left out, and the lines first', async () => {
    // Prepare
    const text = 'a,b,c\n1,2\n\n1,2,3\n1,2,3,4\n1,2\n"x\ny",2,3\n5,6';

    // Act
    const scan = await scanRecords([new TextEncoder().encode(text)], COMMA);

    // Assess
    expect(scan.headerFields).toBe(3);
    expect(scan.records).toBe(6);
    expect(raggedCounts(scan)).toEqual([
      { fields: 2, records: 3, lines: [2, 6, 9] },
      { fields: 4, records: 1, lines: [5] },
    ]);
    expect(scan.firstQuotedLineBreak).toBe(7);
  });

  it('takes a quote inside an unquoted value as data and reports an unclosed quoted field', () => {
    // Act
    const stray = scanInChunks('a,b\n5" disk,x\n', 1);
    const unclosed = scanInChunks('a,b\n1,"never closed\n2,x\n', 4);

    // Assess
    expect(stray).toMatchObject({ records: 1, quotedLineBreakRecords: 0 });
    expect(stray.unclosedQuoteLine).toBeUndefined();
    expect(unclosed.unclosedQuoteLine).toBe(2);
  });

  it('reads a tab-delimited file with single quotes and a lone \\r between records', () => {
    // Act
    const scan = scanInChunks("id\tname\r1\t'a\tb'\r2\tc", 2, { delimiter: '\t', quote: "'" });

    // Assess
    expect(scan).toMatchObject({
      headerFields: 2,
      records: 2,
      fieldCounts: [{ fields: 2, records: 2, lines: [2, 3] }],
    });
  });

  it('notes the control bytes the file holds', () => {
    // Act
    const scan = scanInChunks('a,b\n1,x\u0000y\u0001\n', 3);

    // Assess
    expect(scan.controlBytes).toBe(1 | 2 | (1 << 0x0a));
  });
});
