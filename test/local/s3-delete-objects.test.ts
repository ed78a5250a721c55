import {
  DeleteObjectsCommand,
  type DeleteObjectsCommandOutput,
  PutObjectCommand,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listKeys } from '../support/bucket-contents.js';
import { startTestS3, type TestS3 } from '../support/local-s3.js';

const BUCKET = 'delete-objects';

/**
 * DeleteObjects on the local S3 (local/s3/delete-objects.ts) answers as S3 does
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html): each key's ETag
 * condition holds, Quiet leaves out what was deleted, keys are read as written.
 */
describe('the local S3 deletes several objects in one request as S3 does', () => {
  let s3: TestS3;
  beforeAll(async () => {
    s3 = await startTestS3([BUCKET]);
  });
  afterAll(async () => s3?.stop());

  const put = (key: string, body: string) =>
    s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));

  it('deletes each key whose ETag matches and keeps, with PreconditionFailed, one re-uploaded since', async () => {
    // Prepare
    const filed = await put('학생명부_20250901.csv', '학번,이름\n1,김민준\n');
    const announced = await put('학생명부_20250902.csv', '학번,이름\n1,김민준\n');
    await put('학생명부_20250902.csv', '학번,이름\n1,김민준\n2,이서연\n');
    await put('0123', '숫자처럼 보이는 키');
    await put('123', '다른 키');

    // Act
    const out: DeleteObjectsCommandOutput = await s3.client.send(
      new DeleteObjectsCommand({
        Bucket: BUCKET,
        Delete: {
          Objects: [
            { Key: '학생명부_20250901.csv', ETag: filed.ETag },
            { Key: '학생명부_20250902.csv', ETag: announced.ETag },
            { Key: '학생명부_20250903.csv', ETag: filed.ETag },
            { Key: '0123' },
            { Key: '없는키.csv' },
          ],
        },
      }),
    );

    // Assess
    expect(out.Deleted?.map((d) => d.Key).sort()).toEqual(
      ['0123', '학생명부_20250901.csv', '없는키.csv'].sort(),
    );
    expect(out.Errors?.map((e) => [e.Key, e.Code])).toEqual([
      ['학생명부_20250902.csv', 'PreconditionFailed'],
      ['학생명부_20250903.csv', 'NoSuchKey'],
    ]);
    expect(await listKeys(s3, BUCKET)).toEqual(['123', '학생명부_20250902.csv']);
  });

  it('answers only the keys it did not delete when Quiet', async () => {
    // Prepare
    const kept = await put('회원_20250901.csv', 'a\n');
    await put('회원_20250901.csv', 'b\n');
    await put('회원_20250801.csv', 'a\n');

    // Act
    const out = await s3.client.send(
      new DeleteObjectsCommand({
        Bucket: BUCKET,
        Delete: {
          Objects: [{ Key: '회원_20250801.csv' }, { Key: '회원_20250901.csv', ETag: kept.ETag }],
          Quiet: true,
        },
      }),
    );

    // Assess
    expect(out.Deleted ?? []).toEqual([]);
    expect(out.Errors?.map((e) => e.Key)).toEqual(['회원_20250901.csv']);
    expect(await listKeys(s3, BUCKET, '회원_')).toEqual(['회원_20250901.csv']);
  });

  it('refuses more than 1,000 keys (MalformedXML) and deletes none of them', async () => {
    // Prepare
    await put('학교목록_20250101.csv', 'a\n');
    const keys = ['학교목록_20250101.csv', ...Array.from({ length: 1000 }, (_, i) => `k${i}`)];

    // Act
    const refused = await s3.client
      .send(
        new DeleteObjectsCommand({
          Bucket: BUCKET,
          Delete: { Objects: keys.map((Key) => ({ Key })) },
        }),
      )
      .then(
        () => undefined,
        (error: unknown) => error,
      );

    // Assess
    expect(refused).toBeInstanceOf(S3ServiceException);
    expect((refused as S3ServiceException).name).toBe('MalformedXML');
    expect(await listKeys(s3, BUCKET, '학교목록_')).toEqual(['학교목록_20250101.csv']);
  });

  it('refuses a request without Content-MD5 or a checksum, as S3 requires one', async () => {
    // Prepare
    await put('학교목록_20250201.csv', 'a\n');
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><Delete><Object><Key>학교목록_20250201.csv</Key></Object></Delete>';

    // Act
    const response = await fetch(`${s3.endpoint}/${BUCKET}?delete`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/xml' },
      body: xml,
    });
    const answer = await response.text();

    // Assess
    expect(response.status).toBe(400);
    expect(answer).toContain('<Code>InvalidRequest</Code>');
    expect(await listKeys(s3, BUCKET, '학교목록_20250201')).toEqual(['학교목록_20250201.csv']);
  });
});
