import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_PART_BYTES } from '../../local/s3/multipart-uploads.js';
import { encodeS3EventKey } from '../../local/s3/s3-event-key.js';
import { utf8TranscodeStream } from '../../shared/csv/utf8-transcode-stream.js';
import { listKeys, readObject } from '../support/bucket-contents.js';
import { startTestS3, type TestS3 } from '../support/local-s3.js';

const BUCKET = 'multipart';
const PART_BYTES = MIN_PART_BYTES;

/** S3's ETag of an object uploaded in parts of `partBytes`, computed here from its bytes. */
function expectedMultipartETag(bytes: Buffer, partBytes: number): string {
  const digests: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += partBytes) {
    digests.push(
      createHash('md5')
        .update(bytes.subarray(at, at + partBytes))
        .digest(),
    );
  }
  const md5 = createHash('md5').update(Buffer.concat(digests)).digest('hex');
  return `"${md5}-${digests.length}"`;
}

/** A Korean CSV with CP949-only syllables (똠, 똠방각하), about `bytes` long in UTF-8. */
function koreanCsv(bytes: number): string {
  const rows = ['학번,이름,주소'];
  let length = 0;
  for (let i = 0; length < bytes; i++) {
    const row = `${i},똠방각하${i % 97},서울특별시 강남구 테헤란로 ${i}`;
    rows.push(row);
    length += Buffer.byteLength(row) + 1;
  }
  return `${rows.join('\n')}\n`;
}

/** The error an S3 call answers: its name (S3's code) and HTTP status. */
async function refusal(call: Promise<unknown>): Promise<{ name: string; status?: number }> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof S3ServiceException)) throw new Error(`not refused: ${String(error)}`);
  return { name: error.name, status: error.$metadata.httpStatusCode };
}

/**
 * CompleteMultipartUpload on the local S3 (local/s3/multipart-uploads.ts): the ETag S3
 * answers, the bytes assembled once, and S3's refusals.
 */
describe('the local S3 completes a multipart upload as S3 does', () => {
  let s3: TestS3;
  beforeAll(async () => {
    s3 = await startTestS3([BUCKET]);
  });
  afterAll(async () => s3?.stop());

  it('stores a CP949 file transcoded through lib-storage whole, with the ETag md5-of-part-md5s-N', async () => {
    // Prepare: about 12 MB of UTF-8, so three parts of 5 MiB
    const utf8 = Buffer.from(koreanCsv(12 * 1024 ** 2));
    const cp949 = iconv.encode(utf8.toString(), 'cp949');
    const key = '학생명부/학생명부_202511300000.csv';
    const seen = s3.events.length;

    // Act
    const upload = new Upload({
      client: s3.client,
      params: {
        Bucket: BUCKET,
        Key: key,
        Body: Readable.from([cp949]).pipe(utf8TranscodeStream('cp949', 0, key)),
      },
      partSize: PART_BYTES,
      queueSize: 2,
    });
    const done = await upload.done();
    const head = await s3.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    const stored = await readObject(s3, BUCKET, key);

    // Assess
    expect(stored.equals(utf8)).toBe(true);
    expect(head.ContentLength).toBe(utf8.length);
    expect(done.ETag).toBe(expectedMultipartETag(utf8, PART_BYTES));
    expect(done.ETag).toMatch(/^"[0-9a-f]{32}-3"$/);
    expect(head.ETag).toBe(done.ETag);
    const event = s3.events
      .slice(seen)
      .flatMap((e) => e.Records)
      .find((r) => r.s3.object.key === encodeS3EventKey(key));
    expect(event?.s3.object.eTag).toBe(done.ETag?.replace(/"/g, ''));
    expect(event?.s3.object.size).toBe(utf8.length);
  });

  it('answers a copy of a multipart object with the MD5 of its bytes, as CopyObject writes one part', async () => {
    // Prepare: two parts, so the source's ETag is `…-2`
    const utf8 = Buffer.from(koreanCsv(6 * 1024 ** 2));
    const source = '학생명부_202511300100.csv';
    await new Upload({
      client: s3.client,
      params: { Bucket: BUCKET, Key: source, Body: Readable.from([utf8]) },
      partSize: PART_BYTES,
    }).done();
    const target = '학생명부/학생명부_202511300100.csv';

    // Act
    const copied = await s3.client.send(
      new CopyObjectCommand({
        Bucket: BUCKET,
        Key: target,
        CopySource: `${BUCKET}/${encodeURIComponent(source)}`,
      }),
    );
    const copiedAgain = await s3.client.send(
      new CopyObjectCommand({
        Bucket: BUCKET,
        Key: `_archive/${target}`,
        CopySource: `${BUCKET}/${target.split('/').map(encodeURIComponent).join('/')}`,
      }),
    );

    // Assess
    const md5 = `"${createHash('md5').update(utf8).digest('hex')}"`;
    expect(copied.CopyObjectResult?.ETag).toBe(md5);
    expect(copiedAgain.CopyObjectResult?.ETag).toBe(md5);
    expect((await readObject(s3, BUCKET, `_archive/${target}`)).equals(utf8)).toBe(true);
  });

  describe('assembles the parts whatever order, size or repetition they came in', () => {
    const key = '학생명부/학생명부_202512020000.csv';
    const bytes = (n: number, size: number) => Buffer.alloc(size, `${n}번째 부분 똠방각하 `);

    const create = async () =>
      (await s3.client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key })))
        .UploadId ?? '';
    const uploadPart = async (uploadId: string, PartNumber: number, Body: Buffer) =>
      (
        await s3.client.send(
          new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId, PartNumber, Body }),
        )
      ).ETag ?? '';
    const complete = (uploadId: string, eTags: string[]) =>
      s3.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: BUCKET,
          Key: key,
          UploadId: uploadId,
          MultipartUpload: { Parts: eTags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) },
        }),
      );

    it('parts sent last first, part 2 sent twice: the bytes in part order, the second part 2', async () => {
      // Prepare
      const parts = [bytes(1, PART_BYTES), bytes(2, PART_BYTES), bytes(3, 1000)];
      const uploadId = await create();

      // Act
      const third = await uploadPart(uploadId, 3, parts[2]!);
      const stale = await uploadPart(uploadId, 2, bytes(9, PART_BYTES));
      const second = await uploadPart(uploadId, 2, parts[1]!);
      const first = await uploadPart(uploadId, 1, parts[0]!);
      const refused = await refusal(complete(uploadId, [first, stale, third]));
      const done = await complete(uploadId, [first, second, third]);

      // Assess
      const whole = Buffer.concat(parts);
      expect(refused).toEqual({ name: 'InvalidPart', status: 400 });
      expect(done.ETag).toBe(expectedMultipartETag(whole, PART_BYTES));
      expect((await readObject(s3, BUCKET, key)).equals(whole)).toBe(true);
    });

    it('parts of different sizes (each at least 5 MiB but the last)', async () => {
      // Prepare
      const parts = [bytes(1, PART_BYTES), bytes(2, PART_BYTES + 4096), bytes(3, 7)];
      const uploadId = await create();

      // Act
      const eTags: string[] = [];
      for (const [i, part] of parts.entries()) eTags.push(await uploadPart(uploadId, i + 1, part));
      const done = await complete(uploadId, eTags);

      // Assess
      const digests = parts.map((part) => createHash('md5').update(part).digest());
      const eTag = createHash('md5').update(Buffer.concat(digests)).digest('hex');
      expect(done.ETag).toBe(`"${eTag}-3"`);
      expect((await readObject(s3, BUCKET, key)).equals(Buffer.concat(parts))).toBe(true);
    });

    it('refuses a part whose resend broke off halfway, its first upload no longer whole', async () => {
      // Prepare: part 2 uploaded whole, then sent again and broken off halfway
      const parts = [bytes(1, PART_BYTES), bytes(2, PART_BYTES)];
      const uploadId = await create();
      const eTags = [
        await uploadPart(uploadId, 1, parts[0]!),
        await uploadPart(uploadId, 2, parts[1]!),
      ];
      const url = new URL(
        `/${BUCKET}/${key.split('/').map(encodeURIComponent).join('/')}?partNumber=2&uploadId=${uploadId}`,
        s3.endpoint,
      );
      const resend = request(url, { method: 'PUT', headers: { 'Content-Length': PART_BYTES } });
      resend.on('error', () => undefined);
      resend.write(bytes(7, PART_BYTES / 2));
      await new Promise((resolve) => setTimeout(resolve, 300));
      resend.destroy();
      await new Promise((resolve) => setTimeout(resolve, 100));

      // Act
      const refused = await refusal(complete(uploadId, eTags));

      // Assess
      expect(refused).toEqual({ name: 'InvalidPart', status: 400 });
    });

    it('answers NoSuchUpload (404) to a part of an upload never started', async () => {
      // Act
      const refused = await refusal(uploadPart('0123456789abcdef', 1, bytes(1, 10)));

      // Assess
      expect(refused).toEqual({ name: 'NoSuchUpload', status: 404 });
    });
  });

  describe('refuses a completion as S3 does, and stores nothing', () => {
    const key = '학생명부_202512010000.csv';
    const part = (n: number) => Buffer.alloc(PART_BYTES, `${n}똠`);

    async function startUpload(parts: Buffer[]) {
      const { UploadId } = await s3.client.send(
        new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }),
      );
      const eTags: string[] = [];
      for (const [index, body] of parts.entries()) {
        const out = await s3.client.send(
          new UploadPartCommand({
            Bucket: BUCKET,
            Key: key,
            UploadId,
            PartNumber: index + 1,
            Body: body,
          }),
        );
        eTags.push(out.ETag ?? '');
      }
      return { uploadId: UploadId ?? '', eTags };
    }

    const complete = (uploadId: string, parts: { ETag: string; PartNumber: number }[]) =>
      s3.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: BUCKET,
          Key: key,
          UploadId: uploadId,
          MultipartUpload: { Parts: parts },
        }),
      );

    it('answers InvalidPart (400) for a part listed with another ETag', async () => {
      // Prepare
      const { uploadId, eTags } = await startUpload([part(1), part(2)]);

      // Act
      const refused = await refusal(
        complete(uploadId, [
          { ETag: eTags[0]!, PartNumber: 1 },
          { ETag: `"${createHash('md5').update('other').digest('hex')}"`, PartNumber: 2 },
        ]),
      );

      // Assess
      expect(refused).toEqual({ name: 'InvalidPart', status: 400 });
      expect(await listKeys(s3, BUCKET, key)).toEqual([]);
    });

    it('answers InvalidPart (400) for a part never uploaded', async () => {
      // Prepare
      const { uploadId, eTags } = await startUpload([part(1)]);

      // Act
      const refused = await refusal(
        complete(uploadId, [
          { ETag: eTags[0]!, PartNumber: 1 },
          { ETag: eTags[0]!, PartNumber: 2 },
        ]),
      );

      // Assess
      expect(refused).toEqual({ name: 'InvalidPart', status: 400 });
      expect(await listKeys(s3, BUCKET, key)).toEqual([]);
    });

    it('answers EntityTooSmall (400) for a part under 5 MiB that is not the last', async () => {
      // Prepare: part 1 one byte short of 5 MiB; the last may be as small as it likes
      const { uploadId, eTags } = await startUpload([
        part(1).subarray(1),
        Buffer.from('학번,이름\n'),
      ]);

      // Act
      const refused = await refusal(
        complete(uploadId, [
          { ETag: eTags[0]!, PartNumber: 1 },
          { ETag: eTags[1]!, PartNumber: 2 },
        ]),
      );

      // Assess
      expect(refused).toEqual({ name: 'EntityTooSmall', status: 400 });
      expect(await listKeys(s3, BUCKET, key)).toEqual([]);
    });

    it('answers InvalidPartOrder (400) for parts not in ascending order', async () => {
      // Prepare
      const { uploadId, eTags } = await startUpload([part(1), part(2)]);

      // Act
      const refused = await refusal(
        complete(uploadId, [
          { ETag: eTags[1]!, PartNumber: 2 },
          { ETag: eTags[0]!, PartNumber: 1 },
        ]),
      );

      // Assess
      expect(refused).toEqual({ name: 'InvalidPartOrder', status: 400 });
      expect(await listKeys(s3, BUCKET, key)).toEqual([]);
    });

    it('answers NoSuchUpload (404) for an upload already completed', async () => {
      // Prepare: a small last part alone is a valid upload
      const { uploadId, eTags } = await startUpload([Buffer.from('학번,이름\n1,김민준\n')]);
      const parts = [{ ETag: eTags[0]!, PartNumber: 1 }];
      const first = await complete(uploadId, parts);

      // Act
      const refused = await refusal(complete(uploadId, parts));

      // Assess
      expect(first.ETag).toBe(
        expectedMultipartETag(Buffer.from('학번,이름\n1,김민준\n'), PART_BYTES),
      );
      expect(refused).toEqual({ name: 'NoSuchUpload', status: 404 });
      expect((await readObject(s3, BUCKET, key)).toString()).toBe('학번,이름\n1,김민준\n');
    });
  });
});
