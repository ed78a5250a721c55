import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { sniffCsvHead } from '../../../shared/csv/sniff-csv-head.js';
import { CsvFormatError } from '../../../shared/errors.js';

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function sniff(text: string, truncated = false) {
  return sniffCsvHead(utf8(text), { fileName: 'PSY_ORD_202508291511.csv', truncated });
}

describe('sniffCsvHead', () => {
  it('reads a UTF-8 file with a byte-order mark', () => {
    // Prepare
    const head = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Id,Name\n1,김\n')]);

    // Act
    const profile = sniffCsvHead(head, { fileName: 'a.csv', truncated: false });

    // Assess
    expect(profile).toEqual({
      encoding: 'utf-8',
      bom: true,
      bomLength: 3,
      delimiter: ',',
      quote: '"',
      header: { original: ['Id', 'Name'], catalog: ['id', 'name'] },
      quoted: false,
      multiline: false,
      lineBreak: '\n',
      sampleRows: 1,
      sampleMaxLengths: { id: 1, name: 1 },
    });
  });

  it('reads a UTF-16LE file with a byte-order mark', () => {
    // Prepare
    const head = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      iconv.encode('a\tb\r\n1\t둘\r\n', 'utf16le'),
    ]);

    // Act
    const profile = sniffCsvHead(head, { fileName: 'a.csv', truncated: false });

    // Assess
    expect(profile).toMatchObject({
      encoding: 'utf-16le',
      bom: true,
      bomLength: 2,
      delimiter: '\t',
      lineBreak: '\r\n',
      header: { original: ['a', 'b'] },
      sampleRows: 1,
    });
  });

  it('reads CP949 with a Korean header and values', () => {
    // Prepare
    const text = '학교코드,학교명,member_no\nA001,서울초등학교,7\nA002,"부산 중학교",12\n';
    const head = iconv.encode(text, 'cp949');

    // Act
    const profile = sniffCsvHead(head, { fileName: 'SCHOOL_INFO_1.csv', truncated: false });

    // Assess
    expect(profile).toMatchObject({
      encoding: 'cp949',
      bom: false,
      bomLength: 0,
      header: {
        original: ['학교코드', '학교명', 'member_no'],
        catalog: ['학교코드', '학교명', 'member_no'],
      },
      quoted: true,
      sampleRows: 2,
      sampleMaxLengths: { 학교코드: 4, 학교명: 6, member_no: 2 },
    });
  });

  it('names a Korean header after its position when naming.columns is ascii', () => {
    // Prepare
    const head = iconv.encode('학교코드,학교 code,member_no\nA001,서울,7\n', 'cp949');

    // Act
    const profile = sniffCsvHead(head, {
      fileName: 'SCHOOL_INFO_1.csv',
      truncated: false,
      columnNames: 'ascii',
    });

    // Assess
    expect(profile.header).toEqual({
      original: ['학교코드', '학교 code', 'member_no'],
      catalog: ['col0', 'col1', 'member_no'],
    });
    expect(profile.sampleMaxLengths).toEqual({ col0: 4, col1: 2, member_no: 1 });
  });

  it('gives one catalog name per field of a header with blank and repeated cells', () => {
    // Act
    const profile = sniffCsvHead(utf8('id,,Id,ID,,note\n1,a,b,c,d,e\n'), {
      fileName: 'DUP_COLS_20250901.csv',
      truncated: false,
    });

    // Assess
    expect(profile.header.catalog).toEqual(['id', 'col1', 'id_2', 'id_3', 'col4', 'note']);
  });

  it('reads a forced encoding even when the bytes would pass as UTF-8', () => {
    // Prepare: 'é' in UTF-8 (C3 A9) is also a valid CP949 pair, '챕'
    const head = utf8('id,name\n1,é\n');

    // Act
    const auto = sniffCsvHead(head, { fileName: 'a.csv', truncated: false });
    const forced = sniffCsvHead(head, { fileName: 'a.csv', truncated: false, encoding: 'euc-kr' });

    // Assess
    expect(auto.encoding).toBe('utf-8');
    expect(forced.encoding).toBe('cp949');
    expect(forced.sampleMaxLengths).toEqual({ id: 1, name: 1 });
  });

  it('refuses bytes that a forced encoding cannot decode, naming the file', () => {
    // Prepare
    const head = iconv.encode('코드\n가\n', 'cp949');

    // Act
    const act = () =>
      sniffCsvHead(head, { fileName: 'a.csv', truncated: false, encoding: 'utf-8' });

    // Assess
    expect(act).toThrow(CsvFormatError);
    expect(act).toThrow(/^a\.csv: is not valid UTF-8/);
  });

  it.each([
    [',', 'id,name,memo\n1,a,x\n2,b,y\n'],
    ['\t', 'id\tname\tmemo\n1\ta,b\tx\n2\tb\ty;z\n'],
    [';', 'id;name;memo\n1;a,b;x\n2;b;y\n'],
    ['|', 'id|name|memo\n1|a;b|x,y\n2|b|y\n'],
  ])('detects the delimiter %j', (delimiter, text) => {
    // Act
    const profile = sniff(text);

    // Assess
    expect(profile.delimiter).toBe(delimiter);
    expect(profile.header.original).toEqual(['id', 'name', 'memo']);
    expect(profile.sampleRows).toBe(2);
  });

  it('does not count commas inside quoted fields of a tab-delimited file', () => {
    // Prepare
    const text = 'name\tcity\n"Kim, Minji"\t"Seoul, KR"\n"Lee, Jun"\tBusan\n';

    // Act
    const profile = sniff(text);

    // Assess
    expect(profile).toMatchObject({ delimiter: '\t', quote: '"', quoted: true, sampleRows: 2 });
    expect(profile.sampleMaxLengths).toEqual({ name: 10, city: 9 });
  });

  it('falls back to a comma for a single-column file', () => {
    // Act
    const profile = sniff('memo\n"a, b"\nc\n');

    // Assess
    expect(profile).toMatchObject({
      delimiter: ',',
      header: { original: ['memo'] },
      sampleRows: 2,
    });
  });

  it('reports quoted line breaks as multiline', () => {
    // Prepare
    const text = 'id,memo\n1,"first\nsecond"\n2,plain\n';

    // Act
    const profile = sniff(text);

    // Assess
    expect(profile).toMatchObject({ quoted: true, multiline: true, sampleRows: 2 });
    expect(profile.sampleMaxLengths).toEqual({ id: 1, memo: 12 });
  });

  it('drops a record cut inside a quoted multi-line field when truncated', () => {
    // Prepare
    const text = 'id,memo\n1,short\n2,"a very long memo\nthat goes on and on';

    // Act
    const profile = sniff(text, true);

    // Assess
    expect(profile).toMatchObject({ quoted: true, multiline: true, sampleRows: 1 });
    expect(profile.sampleMaxLengths).toEqual({ id: 1, memo: 5 });
  });

  it('drops the last partial line of a truncated head', () => {
    // Prepare
    const text = 'id,name\n1,kim\n2,lee\n3,a-much-longer-na';

    // Act
    const profile = sniff(text, true);

    // Assess
    expect(profile.sampleRows).toBe(2);
    expect(profile.sampleMaxLengths).toEqual({ id: 1, name: 3 });
  });

  it('keeps the last line of a truncated head that ends with a line break', () => {
    // Act
    const profile = sniff('id,name\r\n1,kim\r\n2,lee\r\n', true);

    // Assess
    expect(profile.sampleRows).toBe(2);
  });

  it('treats a partial last line as missing when the cut falls inside a CRLF', () => {
    // Act
    const profile = sniff('id,name\r\n1,kim\r\n2,lee\r', true);

    // Assess
    expect(profile.sampleRows).toBe(1);
  });

  it('accepts a header-only file', () => {
    // Act
    const withBreak = sniff('id,name\n');
    const withoutBreak = sniff('id,name');

    // Assess
    for (const profile of [withBreak, withoutBreak]) {
      expect(profile).toMatchObject({ sampleRows: 0, sampleMaxLengths: { id: 0, name: 0 } });
      expect(profile.header.original).toEqual(['id', 'name']);
    }
  });

  it.each([
    ['an empty file', '', 'is empty'],
    ['a whitespace-only file', ' \r\n\t \n', 'holds only whitespace'],
    ['a header of empty cells', ',,\n1,2,3\n', 'the header (first line) has no column names'],
    ['a blank first line', '\nid,name\n1,2\n', 'the header (first line) has no column names'],
  ])('refuses %s, naming the file', (_case, text, problem) => {
    // Act
    const act = () => sniff(text);

    // Assess
    expect(act).toThrow(CsvFormatError);
    expect(act).toThrow(`PSY_ORD_202508291511.csv: ${problem}`);
  });

  it('refuses a file that is only a byte-order mark', () => {
    // Act
    const act = () =>
      sniffCsvHead(new Uint8Array([0xef, 0xbb, 0xbf]), { fileName: 'a.csv', truncated: false });

    // Assess
    expect(act).toThrow('a.csv: is empty');
  });

  it('refuses a truncated head with no complete header line', () => {
    // Act
    const act = () => sniff('id,name,another_very_long_col', true);

    // Assess
    expect(act).toThrow(
      'PSY_ORD_202508291511.csv: the first 29 bytes hold no complete header line',
    );
  });

  it('detects \' quoting when the sample never quotes with "', () => {
    // Act
    const profile = sniff("id,name\n1,'Kim, Minji'\n2,'Lee'\n");

    // Assess
    expect(profile).toMatchObject({ quote: "'", delimiter: ',', quoted: true, sampleRows: 2 });
    expect(profile.sampleMaxLengths.name).toBe(10);
  });

  it('keeps " quoting when apostrophes are only data', () => {
    // Act
    const profile = sniff('id,name\n1,O\'Brien\n2,"Kim, Minji"\n');

    // Assess
    expect(profile).toMatchObject({ quote: '"', quoted: true, sampleRows: 2 });
  });

  it.each([
    ['\r\n', 'id,memo\r\n1,"x\r\ny"\r\n2,z\r\n'],
    ['\r', 'id,memo\r1,a\r2,b\r'],
    ['\n', 'id,memo\n1,a\n'],
  ])('detects the line break %j', (lineBreak, text) => {
    // Act
    const profile = sniff(text);

    // Assess
    expect(profile.lineBreak).toBe(lineBreak);
    expect(profile.sampleRows).toBe(2 - Number(lineBreak === '\n'));
    expect(profile.sampleMaxLengths.id).toBe(1);
  });

  it('reads a 200-column header', () => {
    // Prepare
    const names = Array.from({ length: 200 }, (_, i) => `COLUMN_${i}`);
    const text = `${names.join(',')}\n${names.map((_, i) => i).join(',')}\n`;

    // Act
    const profile = sniff(text);

    // Assess
    expect(profile.header.original).toHaveLength(200);
    expect(profile.header.catalog[199]).toBe('column_199');
    expect(profile.sampleMaxLengths.column_199).toBe(3);
  });

  it('does not count blank lines as rows', () => {
    // Act
    const profile = sniff('id,name\n1,a\n\n2,b\n\n');

    // Assess
    expect(profile.sampleRows).toBe(2);
  });

  it('refuses an unterminated quote in a file that is not truncated, naming the file', () => {
    // Prepare
    const text = 'id,memo\n1,"never closed\n2,b\n';

    // Act
    const act = () => sniff(text);

    // Assess
    expect(act).toThrow(CsvFormatError);
    expect(act).toThrow(/^PSY_ORD_202508291511\.csv: is not valid CSV: Quote Not Closed/);
  });
});
