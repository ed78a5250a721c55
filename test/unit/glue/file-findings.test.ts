import { describe, expect, it } from 'vitest';
import { RecordScanner } from '../../../shared/csv/record-scanner.js';
import { fileWarnings, missingTableReason } from '../../../shared/glue/file-findings.js';

const FILE = {
  bucket: 'b',
  key: '학교목록/학교목록_1.csv',
  table: '학교목록',
  delimiter: ',',
  quote: '"',
};

function scan(text: string) {
  const scanner = new RecordScanner(FILE);
  scanner.push(new TextEncoder().encode(text));
  return scanner.finish();
}

describe('what a scan of the filed file says', () => {
  it('names the ragged lines with their field counts, for the table the crawler did not make', () => {
    // Prepare
    const lines = ['a,b,c,d,e'];
    for (let i = 2; i <= 12; i++)
      lines.push(i === 9 ? '1,2,3,4,5,6' : [3, 7, 12].includes(i) ? '1,2,3,4' : '1,2,3,4,5');

    // Act
    const reason = missingTableReason(FILE, scan(`${lines.join('\n')}\n`));

    // Assess
    expect(reason).toBe(
      's3://b/학교목록/학교목록_1.csv: the header has 5 fields but lines 3, 7 and 12 have 4 and line 9 has 6; fix the file, then csv-catalog sync --table 학교목록',
    );
  });

  it.each([
    ['이름\n김\n', "the header has 1 field, and Glue's CSV classifier needs at least 2"],
    ['a,b\n', 'the file has a header but no data lines'],
    ['a,b\n1,"open\n', 'the quoted field opened on line 2 is never closed'],
  ])('says why for %j', (text, why) => {
    // Act
    const reason = missingTableReason(FILE, scan(text));

    // Assess
    expect(reason).toContain(`s3://b/학교목록/학교목록_1.csv: ${why}`);
  });

  it('warns of a quoted line break and of ragged lines in a file that has a table', () => {
    // Act
    const warnings = fileWarnings(FILE, scan('a,b\n1,"x\ny"\n2\n'));

    // Assess
    expect(warnings).toEqual([
      's3://b/학교목록/학교목록_1.csv: line 2 holds a line break inside a quoted field; Athena (OpenCSVSerDe) reads such records split in two',
      's3://b/학교목록/학교목록_1.csv: the header has 2 fields but line 4 has 1; Athena reads missing fields as NULL and drops extra ones',
    ]);
  });

  it('warns of bytes that are not UTF-8, with their offset', () => {
    // Act
    const warnings = fileWarnings(FILE, { ...scan('a,b\n1,2\n'), notUtf8At: 204826 });

    // Assess
    expect(warnings).toEqual([
      expect.stringMatching(
        /^s3:\/\/b\/학교목록\/학교목록_1\.csv: the bytes at offset 204826 are not UTF-8 .*export the file again/,
      ),
    ]);
  });
});
