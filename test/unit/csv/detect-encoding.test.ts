import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectEncoding } from '../../../shared/csv/detect-encoding.js';
import { CsvFormatError } from '../../../shared/errors.js';

const KOREAN = '학교코드,학교명\nA001,서울초등학교\n';

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

describe('detectEncoding', () => {
  it('reads a UTF-8 byte-order mark and leaves it out of the text', () => {
    // Prepare
    const head = concat(new Uint8Array([0xef, 0xbb, 0xbf]), utf8(KOREAN));

    // Act
    const decoded = detectEncoding(head, { fileName: 'a.csv', truncated: false });

    // Assess
    expect(decoded).toEqual({ encoding: 'utf-8', bom: true, bomLength: 3, text: KOREAN });
  });

  it.each([
    ['utf-16le', [0xff, 0xfe]],
    ['utf-16be', [0xfe, 0xff]],
  ] as const)('reads a %s byte-order mark', (encoding, mark) => {
    // Prepare
    const body = iconv.encode(KOREAN, encoding === 'utf-16le' ? 'utf16le' : 'utf16be');
    const head = concat(new Uint8Array(mark), body);

    // Act
    const decoded = detectEncoding(head, { fileName: 'a.csv', truncated: false });

    // Assess
    expect(decoded).toEqual({ encoding, bom: true, bomLength: 2, text: KOREAN });
  });

  it('takes bytes that are not UTF-8 as CP949', () => {
    // Prepare
    const head = iconv.encode(KOREAN, 'cp949');

    // Act
    const decoded = detectEncoding(head, { fileName: 'a.csv', truncated: false });

    // Assess
    expect(decoded).toEqual({ encoding: 'cp949', bom: false, bomLength: 0, text: KOREAN });
  });

  it('keeps UTF-8 when a truncated head ends inside a multi-byte character', () => {
    // Prepare: '교' is 3 bytes; cut after the first of them
    const whole = utf8(KOREAN);
    const head = whole.subarray(0, utf8('학').length + 1);

    // Act
    const decoded = detectEncoding(head, { fileName: 'a.csv', truncated: true });

    // Assess
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toBe('학');
  });

  it('keeps CP949 when a truncated head ends after a lead byte', () => {
    // Prepare
    const whole = iconv.encode(KOREAN, 'cp949');
    const head = whole.subarray(0, 3); // '학' (2 bytes) and the lead byte of '교'

    // Act
    const decoded = detectEncoding(head, { fileName: 'a.csv', truncated: true });

    // Assess
    expect(decoded).toMatchObject({ encoding: 'cp949', text: '학' });
  });

  it('reads euc-kr as cp949 when forced', () => {
    // Prepare
    const head = iconv.encode(KOREAN, 'euc-kr');

    // Act
    const decoded = detectEncoding(head, {
      fileName: 'a.csv',
      truncated: false,
      encoding: 'euc-kr',
    });

    // Assess
    expect(decoded).toMatchObject({ encoding: 'cp949', bom: false, text: KOREAN });
  });

  it('reads BOM-less UTF-16LE when forced', () => {
    // Prepare
    const head = iconv.encode(KOREAN, 'utf16le');

    // Act
    const decoded = detectEncoding(head, {
      fileName: 'a.csv',
      truncated: false,
      encoding: 'utf-16le',
    });

    // Assess
    expect(decoded).toEqual({ encoding: 'utf-16le', bom: false, bomLength: 0, text: KOREAN });
  });

  it('refuses CP949 bytes forced to UTF-8, naming the file and the offset', () => {
    // Prepare
    const head = iconv.encode(`id,${KOREAN}`, 'cp949');

    // Act
    const act = () =>
      detectEncoding(head, { fileName: 'in/a.csv', truncated: false, encoding: 'utf-8' });

    // Assess
    expect(act).toThrow(CsvFormatError);
    expect(act).toThrow(/^in\/a\.csv: is not valid UTF-8 \(encoding is set to utf-8\).* offset 3$/);
  });

  it('refuses a forced CP949 file that has undecodable bytes', () => {
    // Prepare
    const head = concat(utf8('id,name\n1,'), new Uint8Array([0xff]), utf8('\n'));

    // Act
    const act = () =>
      detectEncoding(head, { fileName: 'a.csv', truncated: false, encoding: 'cp949' });

    // Assess
    expect(act).toThrow(/^a\.csv: is not valid CP949 .* offset 10$/);
  });

  it('refuses a forced encoding that contradicts the byte-order mark', () => {
    // Prepare
    const head = concat(new Uint8Array([0xef, 0xbb, 0xbf]), utf8(KOREAN));

    // Act
    const act = () =>
      detectEncoding(head, { fileName: 'a.csv', truncated: false, encoding: 'cp949' });

    // Assess
    expect(act).toThrow(
      'a.csv: encoding is set to cp949 but the file starts with a UTF-8 byte-order mark',
    );
  });

  it('refuses bytes that are neither UTF-8 nor CP949', () => {
    // Prepare
    const head = concat(utf8('id\n'), new Uint8Array([0x80]));

    // Act
    const act = () => detectEncoding(head, { fileName: 'a.csv', truncated: false });

    // Assess
    expect(act).toThrow('a.csv: is neither UTF-8 nor CP949: undecodable bytes at offset 3');
  });

  it('names the later of the two offsets where UTF-8 and CP949 stop reading a Korean header', () => {
    // Prepare: '학번,' is 7 bytes of UTF-8 (CP949 stops at byte 0), then bytes neither reads
    const head = concat(utf8('학번,'), new Uint8Array([0xff, 0xfe, 0xff]), utf8('이름\n'));

    // Act
    const act = () => detectEncoding(head, { fileName: '학생.csv', truncated: false });

    // Assess
    expect(act).toThrow(
      '학생.csv: is neither UTF-8 nor CP949: undecodable bytes at offset 7 (as UTF-8 at offset 7, as CP949 at offset 0)',
    );
  });

  it('says which encoding setting reads UTF-16 without a byte-order mark', () => {
    // Prepare: a Korean header and a row in UTF-16LE, no mark
    const le = Buffer.from('학번,이름\n202500001,김민준\n', 'utf16le');
    const be = Buffer.from(le).swap16();

    // Act
    const actLe = () => detectEncoding(le, { fileName: 'a.csv', truncated: false });
    const actBe = () => detectEncoding(be, { fileName: 'b.csv', truncated: false });

    // Assess
    expect(actLe).toThrow(
      'it looks like UTF-16LE without a byte-order mark: set encoding: utf-16le',
    );
    expect(actBe).toThrow(
      'it looks like UTF-16BE without a byte-order mark: set encoding: utf-16be',
    );
  });
});
