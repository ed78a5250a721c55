import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meterS3BytesRead, type S3BytesReadMeter } from '../../local/s3/s3-bytes-read-meter.js';
import { createS3Client } from '../../shared/aws/s3-client.js';
import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import { defaultConfig } from '../../shared/config/load-config.js';
import { fileCsvObject } from '../../shared/filing/file-csv-object.js';
import { startTestS3, type TestS3 } from '../support/local-s3.js';

const BUCKET = 'filing-reads';
/** What filing a UTF-8 file reads at any size: the sniffer's 64 KiB head and 64 KiB tail. */
const READ_LIMIT = 128 * 1024;

/** A UTF-8 CSV with a Korean header and values, of at least `bytes` bytes. */
function koreanCsv(bytes: number): string {
  const row = (n: number) => `${100_000 + n},김민준,서울초등학교,"서울, 마포구",2025-08-29\n`;
  const rows = Math.ceil(bytes / Buffer.byteLength(row(100_000)));
  return `학생번호,이름,학교명,주소,등록일\n${Array.from({ length: rows }, (_, n) => row(n)).join('')}`;
}

describe('filing a UTF-8 file reads the same few bytes whatever its size', () => {
  let s3: TestS3;
  let client: S3Client;
  let meter: S3BytesReadMeter;
  beforeAll(async () => {
    s3 = await startTestS3([BUCKET]);
    client = createS3Client({ endpoint: s3.endpoint });
    meter = meterS3BytesRead(client);
  });
  afterAll(async () => {
    client?.destroy();
    await s3?.stop();
  });

  /** Uploads, then files it as the file-upload Lambda does (size and ETag from the event). */
  async function bytesReadFiling(key: string, csv: string) {
    const put = await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: csv }));
    meter.reset();
    const outcome = await fileCsvObject(
      { key, size: Buffer.byteLength(csv), eTag: put.ETag },
      { store: new S3ObjectStore(client, BUCKET), config: defaultConfig() },
    );
    return { outcome, read: meter.objectBytes() };
  }

  it('reads a file smaller than the sniff window once, whole', async () => {
    // Prepare
    const csv = koreanCsv(20_000);

    // Act
    const { outcome, read } = await bytesReadFiling('학생명부_202508291511.csv', csv);

    // Assess
    expect(outcome).toMatchObject({ status: 'filed', table: '학생명부', transcoded: false });
    expect(read).toBe(Buffer.byteLength(csv));
  });

  it('reads the same, at most 128 KiB, of a 300 KB and of a 3 MB file', async () => {
    // Prepare
    const medium = koreanCsv(300_000);
    const large = koreanCsv(3_000_000);

    // Act
    const first = await bytesReadFiling('학교목록_202508291511.csv', medium);
    const second = await bytesReadFiling('회원목록_202508291511.csv', large);

    // Assess
    expect(first.outcome).toMatchObject({ status: 'filed', transcoded: false });
    expect(second.outcome).toMatchObject({ status: 'filed', transcoded: false });
    expect(first.read).toBeLessThanOrEqual(READ_LIMIT);
    expect(second.read).toBe(first.read);
  });
});
