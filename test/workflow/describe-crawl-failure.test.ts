import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import { defaultConfig } from '../../shared/config/load-config.js';
import { describeCrawlFailure } from '../../shared/workflow/describe-crawl-failure.js';
import { readPrefixHeaders } from '../../shared/workflow/prefix-headers.js';
import { startTestS3, type TestS3 } from '../support/local-s3.js';

const THRESHOLD_MESSAGE =
  'The number of tables detected by crawler: 2 is greater than the table threshold value provided: 1. Failing crawler without writing to Data Catalog.';

/** DescribeCrawlFailure's reading of a prefix, on the local S3 server. */
describe('describeCrawlFailure', () => {
  let s3: TestS3;
  const bucket = 'describe-crawl-failure';
  const config = defaultConfig({});
  const put = (key: string, body: string) =>
    s3.client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: body,
        // An empty body is otherwise sent as a stream of unknown length.
        ContentLength: Buffer.byteLength(body),
      }),
    );
  beforeAll(async () => {
    s3 = await startTestS3([bucket]);
  });
  afterAll(async () => s3?.stop());

  it('reads every file under the prefix, sub-folders included, and names those that disagree', async () => {
    // Prepare
    await put('교과목/교과목_202501010000.csv', '과목코드,과목명\nK1,국어\n');
    await put('교과목/교과목_202502010000.csv', '과목코드,과목명\nK2,수학\n');
    await put('교과목/옛 자료/', '');
    await put('교과목/옛 자료/교과목_2024.tsv', '과목코드\t비고\nK0\t폐지\n');
    await put('교과목/빈 파일.csv', '');
    await put('교과목목록/다른표.csv', 'x,y\n1,2\n');

    // Act
    const described = await describeCrawlFailure(
      { table: '교과목', crawler: 'crawler_교과목', errorMessage: THRESHOLD_MESSAGE },
      { store: new S3ObjectStore(s3.client, bucket), config },
    );

    // Assess
    expect(described).toMatchObject({ files: 4, headers: 2, unreadable: 1 });
    expect(described.cause).toContain(
      `The files under s3://${bucket}/교과목/ do not share one header: 교과목_202501010000.csv and 교과목_202502010000.csv have (과목코드, 과목명); 옛 자료/교과목_2024.tsv has (과목코드, 비고) tab-delimited; 빈 파일.csv cannot be read as CSV (빈 파일.csv: is empty).`,
    );
    expect(described.cause).not.toContain('다른표');
  });

  it('reads no more than it is told, and counts every file', async () => {
    // Prepare
    await Promise.all(
      Array.from({ length: 5 }, (_, i) => put(`학급/학급_${i}.csv`, `반,담임${i}\n1,김\n`)),
    );
    const store = new S3ObjectStore(s3.client, bucket);

    // Act
    const read = await readPrefixHeaders(store, '학급/', '학급', config, 3);

    // Assess
    expect(read.total).toBe(5);
    expect(read.files.map((file) => file.name)).toEqual(['학급_0.csv', '학급_1.csv', '학급_2.csv']);
  });
});
