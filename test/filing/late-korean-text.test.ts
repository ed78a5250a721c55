import { Readable } from 'node:stream';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import { defaultConfig } from '../../shared/config/load-config.js';
import { fileCsvObject } from '../../shared/filing/file-csv-object.js';
import { readObject } from '../support/bucket-contents.js';
import { startTestS3, type TestS3 } from '../support/local-s3.js';

describe('a CP949 export whose first 64 KiB are ASCII', () => {
  let s3: TestS3;
  beforeAll(async () => {
    s3 = await startTestS3([]);
  });
  afterAll(async () => s3?.stop());

  it('is transcoded, not copied as if it were UTF-8', async () => {
    // Prepare: 100 KB of ASCII rows, then rows with Korean names
    await s3.client.send(new CreateBucketCommand({ Bucket: 'late' }));
    const store = new S3ObjectStore(s3.client, 'late');
    const ascii = Array.from({ length: 5000 }, (_, i) => `${i},member${i},Y`).join('\n');
    const text = `member_no,name,use_yn\n${ascii}\n9001,김민준,Y\n9002,이서연,N\n`;
    await store.upload('MEMBER_20250829.csv', Readable.from([iconv.encode(text, 'cp949')]), {
      metadata: {},
    });

    // Act
    const outcome = await fileCsvObject(
      { key: 'MEMBER_20250829.csv' },
      { store, config: defaultConfig() },
    );

    // Assess
    expect(outcome).toMatchObject({ status: 'filed', encoding: 'cp949', transcoded: true });
    expect((await readObject(s3, 'late', 'member/MEMBER_20250829.csv')).toString('utf8')).toBe(
      text,
    );
  });
});
