import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { CsvEncoding } from '../../../shared/csv/csv-profile.js';
import { utf8TranscodeStream } from '../../../shared/csv/utf8-transcode-stream.js';
import { CsvFormatError } from '../../../shared/errors.js';

/** Cuts bytes into chunks of the given sizes, repeated. */
function split(bytes: Buffer, sizes: readonly number[]): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length]!;
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

async function transcode(
  chunks: Buffer[],
  encoding: CsvEncoding,
  bomLength?: number,
): Promise<Buffer[]> {
  const out: Buffer[] = [];
  // A Writable sees each chunk as pushed (an async iterator would merge buffered ones).
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      out.push(chunk);
      callback();
    },
  });
  await pipeline(Readable.from(chunks), utf8TranscodeStream(encoding, bomLength, 'a.csv'), sink);
  return out;
}

describe('utf8TranscodeStream', () => {
  it('turns megabytes of CP949 in odd-sized chunks into the same UTF-8 as a whole decode', async () => {
    // Prepare
    const lines = ['학교코드,학교명,메모'];
    for (let i = 0; i < 60_000; i++) {
      lines.push(`${i},서울특별시 강남구 학교${i},"메모 ${i}\n둘째 줄 ㈜한글"`);
    }
    const source = iconv.encode(`${lines.join('\n')}\n`, 'cp949');
    const sizes = [1, 3, 4093, 7, 65_537, 2, 999];
    const chunks = split(source, sizes);

    // Act
    const out = await transcode(chunks, 'cp949');

    // Assess
    expect(source.length).toBeGreaterThan(2_000_000);
    expect(Buffer.concat(out).equals(Buffer.from(iconv.decode(source, 'cp949'), 'utf8'))).toBe(
      true,
    );
    // Bounded memory: output comes chunk by chunk, never much more than one input chunk.
    expect(out.length).toBeGreaterThan(chunks.length / 2);
    expect(Math.max(...out.map((chunk) => chunk.length))).toBeLessThanOrEqual(2 * 65_537);
  });

  it('skips a UTF-8 byte-order mark split across chunks and passes the rest through', async () => {
    // Prepare
    const source = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('id,이름\n1,김\n')]);

    // Act
    const out = await transcode(split(source, [1, 1, 2, 5]), 'utf-8', 3);

    // Assess
    expect(Buffer.concat(out).toString('utf8')).toBe('id,이름\n1,김\n');
  });

  it.each([
    ['utf-16le', 'utf16le', [0xff, 0xfe]],
    ['utf-16be', 'utf16be', [0xfe, 0xff]],
  ] as const)(
    'turns %s with a byte-order mark into UTF-8 without one',
    async (encoding, iconvName, mark) => {
      // Prepare
      const text = 'id,이름\r\n1,😀김\r\n';
      const source = Buffer.concat([Buffer.from(mark), iconv.encode(text, iconvName)]);

      // Act
      const out = await transcode(split(source, [3, 1, 5]), encoding, 2);

      // Assess
      expect(Buffer.concat(out).toString('utf8')).toBe(text);
    },
  );

  it('transcodes from the first byte when the read already skipped the mark', async () => {
    // Prepare
    const source = iconv.encode('학교\n', 'cp949');

    // Act
    const out = await transcode([source], 'cp949');

    // Assess
    expect(Buffer.concat(out).toString('utf8')).toBe('학교\n');
  });

  it('fails on undecodable CP949 bytes, naming the file', async () => {
    // Prepare
    const source = Buffer.concat([iconv.encode('학교\n', 'cp949'), Buffer.from([0xff, 0x0a])]);

    // Act
    const act = transcode([source], 'cp949');

    // Assess
    await expect(act).rejects.toThrow(CsvFormatError);
    await expect(transcode([source], 'cp949')).rejects.toThrow(/^a\.csv: undecodable CP949 bytes/);
  });

  it('fails when CP949 input ends in the middle of a character', async () => {
    // Prepare
    const source = iconv.encode('학교', 'cp949').subarray(0, 3);

    // Act
    const act = transcode([source], 'cp949');

    // Assess
    await expect(act).rejects.toThrow('a.csv: ends in the middle of a CP949 character');
  });
});
