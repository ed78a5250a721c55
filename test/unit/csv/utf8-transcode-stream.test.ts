import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { CsvEncoding } from '../../../shared/csv/csv-profile.js';
import { utf8TranscodeStream } from '../../../shared/csv/utf8-transcode-stream.js';
import { CsvFormatError } from '../../../shared/errors.js';

/** Characters CP949 encodes: every Hangul syllable (2,350 in KS X 1001, the rest only in CP949). */
const hangul = fc.integer({ min: 0xac00, max: 0xd7a3 }).map((code) => String.fromCharCode(code));
const cp949Text = fc.string({
  unit: fc.oneof(
    { weight: 4, arbitrary: hangul },
    { weight: 3, arbitrary: fc.constantFrom(...'abcXYZ019 ,;|"\t\r\n-_.') },
    { weight: 1, arbitrary: fc.constantFrom(...'㈜①※·°漢字學校ㄱㅏ！＃') },
  ),
  maxLength: 400,
});

/** A body of Korean CSV rows in CP949 of at least `bytes` bytes. */
function koreanCp949(bytes: number): Buffer {
  const lines = ['학교코드,학교명,메모'];
  for (let i = 0; lines.length * 25 < bytes; i++)
    lines.push(`${i},서울 똠방각하 학교${i},"메모 ${i}"`);
  const encoded = iconv.encode(`${lines.join('\n')}\n`, 'cp949');
  if (encoded.length < bytes) throw new Error(`only ${encoded.length} bytes`);
  return encoded;
}

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
  startOffset?: number,
): Promise<Buffer[]> {
  const out: Buffer[] = [];
  // A Writable sees each chunk as pushed (an async iterator would merge buffered ones).
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      out.push(chunk);
      callback();
    },
  });
  await pipeline(
    Readable.from(chunks),
    utf8TranscodeStream(encoding, bomLength, 'a.csv', startOffset),
    sink,
  );
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

  it('turns random Korean and ASCII text cut into random chunks into the one-shot decode', async () => {
    await fc.assert(
      fc.asyncProperty(
        cp949Text,
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 10 }),
        async (text, sizes) => {
          // Prepare
          const source = iconv.encode(text, 'cp949');

          // Act
          const out = await transcode(split(source, sizes), 'cp949');

          // Assess
          const oneShot = iconv.decode(source, 'cp949');
          expect(oneShot).toBe(text);
          expect(Buffer.concat(out).toString('utf8')).toBe(oneShot);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reports an invalid byte past 200 KB with its exact offset in the file and the file name', async () => {
    // Prepare: a bad byte (0xFF) in the middle of a 64 KiB chunk, after megabytes' worth of text
    const head = koreanCp949(204_800);
    const offset = head.length + 3;
    const source = Buffer.concat([
      head,
      Buffer.from('1,2'),
      Buffer.from([0xff]),
      iconv.encode(',김\n', 'cp949'),
    ]);

    // Act
    const act = transcode(split(source, [65_536]), 'cp949');

    // Assess
    await expect(act).rejects.toThrow(CsvFormatError);
    await expect(transcode(split(source, [65_536]), 'cp949')).rejects.toThrow(
      `a.csv: undecodable CP949 bytes at offset ${offset}: ff 2c`,
    );
    expect(offset).toBeGreaterThan(200 * 1024);
    expect(offset % 65_536).not.toBe(0);
  });

  it('reports a bad pair whose lead ends one chunk at the offset of that lead', async () => {
    // Prepare: 0xB0 is a lead; 0x20 cannot be its trail
    const head = koreanCp949(210_000);
    const source = Buffer.concat([head, Buffer.from([0xb0, 0x20, 0x0a])]);

    // Act
    const act = transcode(
      [source.subarray(0, head.length + 1), source.subarray(head.length + 1)],
      'cp949',
    );

    // Assess
    await expect(act).rejects.toThrow(
      `a.csv: undecodable CP949 bytes at offset ${head.length}: b0 20`,
    );
  });

  it('counts offsets from where in the file the stream starts', async () => {
    // Prepare: the read started 3 bytes into the file
    const source = Buffer.concat([iconv.encode('학교,이름\n', 'cp949'), Buffer.from([0x80])]);

    // Act
    const act = transcode([source], 'cp949', 0, 3);

    // Assess
    await expect(act).rejects.toThrow(
      `a.csv: undecodable CP949 bytes at offset ${source.length - 1 + 3}: 80`,
    );
  });

  it('completes a character whose lead byte ends a chunk, the syllables only CP949 has included', async () => {
    // Prepare: 똠 (8C 63) and 학 (C7 D0) each cut after their lead byte
    const text = '똠,학\n';
    const source = iconv.encode(text, 'cp949');

    // Act
    const out = await transcode(
      [source.subarray(0, 1), source.subarray(1, 4), source.subarray(4)],
      'cp949',
    );

    // Assess
    expect(Buffer.concat(out).toString('utf8')).toBe(text);
    expect(source.subarray(0, 2)).toEqual(Buffer.from([0x8c, 0x63]));
  });

  it.each(['cp949', 'utf-8', 'utf-16le'] as const)(
    'turns empty %s input into empty output',
    async (encoding) => {
      // Act
      const none = await transcode([], encoding);
      const emptyChunk = await transcode([Buffer.alloc(0)], encoding);

      // Assess
      expect(Buffer.concat(none).length).toBe(0);
      expect(Buffer.concat(emptyChunk).length).toBe(0);
    },
  );

  it('passes UTF-8 through unchanged when characters are cut at every chunk edge', async () => {
    // Prepare: 3-byte Hangul and a 4-byte emoji, in chunks of one byte
    const source = Buffer.from('id,이름\n1,😀김\n');

    // Act
    const out = await transcode(split(source, [1]), 'utf-8');

    // Assess
    expect(Buffer.concat(out).equals(source)).toBe(true);
  });

  it('refuses UTF-8 with an invalid byte past 200 KB, at its offset in the file', async () => {
    // Prepare: the file has a 3-byte mark the read skipped; a lone continuation byte deep inside
    const head = Buffer.from('학교,이름\n'.repeat(20_000));
    const source = Buffer.concat([head, Buffer.from([0x31, 0x80, 0x0a])]);

    // Act
    const act = transcode(split(source, [65_536]), 'utf-8', 0, 3);

    // Assess
    await expect(act).rejects.toThrow(
      `a.csv: is not valid UTF-8: undecodable bytes at offset ${3 + head.length + 1}`,
    );
    expect(head.length).toBeGreaterThan(200 * 1024);
  });

  it('refuses UTF-8 that ends in the middle of a character', async () => {
    // Prepare
    const source = Buffer.from('1,학교').subarray(0, 7);

    // Act
    const act = transcode(split(source, [4]), 'utf-8');

    // Assess
    await expect(act).rejects.toThrow('a.csv: ends in the middle of a UTF-8 character at offset 5');
  });
});
