import { Readable } from 'node:stream';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFileUploadHandler } from '../../functions/file-upload/handler.js';
import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import { defaultConfig } from '../../shared/config/load-config.js';
import { fileCsvObject } from '../../shared/filing/file-csv-object.js';
import type { ObjectStore } from '../../shared/filing/object-store.js';
import { createLogger } from '../../shared/logging/logger.js';
import { listKeys, readObject } from '../support/bucket-contents.js';
import { dropFile } from '../support/drop-file.js';
import { lambdaContext } from '../support/lambda-context.js';
import { startTestS3, type TestS3 } from '../support/local-s3.js';

describe('filing when names collide and deliveries race', () => {
  let s3: TestS3;
  let store: S3ObjectStore;
  let bucket: string;
  let n = 0;
  const config = defaultConfig();

  beforeAll(async () => {
    s3 = await startTestS3([]);
  });
  afterAll(async () => s3?.stop());
  beforeEach(async () => {
    bucket = `collide-${++n}`;
    await s3.client.send(new CreateBucketCommand({ Bucket: bucket }));
    store = new S3ObjectStore(s3.client, bucket);
  });

  const put = (key: string, body: string | Buffer) =>
    s3.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));

  it('keeps the earlier file when the same name is dropped again with other bytes', async () => {
    // Prepare
    await put('school_info.csv', 'code,name\n1,first\n');
    await fileCsvObject({ key: 'school_info.csv' }, { store, config });
    await put('school_info.csv', 'code,name\n1,second\n');

    // Act
    const outcome = await fileCsvObject({ key: 'school_info.csv' }, { store, config });

    // Assess
    const keys = await listKeys(s3, bucket);
    const kept = keys.filter((k) => k.startsWith('_archive/school_info/school_info.'));
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatch(
      /^_archive\/school_info\/school_info\.\d{8}T\d{6}\.\d{3}Z-[0-9a-f]{8}\.csv$/,
    );
    expect(outcome).toMatchObject({ status: 'filed', kept });
    expect((await readObject(s3, bucket, 'school_info/school_info.csv')).toString()).toContain(
      'second',
    );
    expect((await readObject(s3, bucket, kept[0] ?? '')).toString()).toContain('first');
  });

  it('does not delete a source re-uploaded between its copy and its delete', async () => {
    // Prepare: the second upload lands just before the delete of the first
    await put('PSY_ORD_20250101.csv', 'a,b\n1,old\n');
    const racing: ObjectStore = new Proxy(store, {
      get(target, property, receiver) {
        if (property !== 'delete') return Reflect.get(target, property, receiver);
        return async (key: string, options?: { ifMatch?: string }) => {
          if (key === 'PSY_ORD_20250101.csv') await put(key, 'a,b\n1,new\n');
          return target.delete(key, options);
        };
      },
    });

    // Act
    const first = await fileCsvObject({ key: 'PSY_ORD_20250101.csv' }, { store: racing, config });
    const second = await fileCsvObject({ key: 'PSY_ORD_20250101.csv' }, { store, config });

    // Assess
    expect(first).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/^PSY_ORD_20250101\.csv: delete-source failed: /),
    });
    expect(second).toMatchObject({ status: 'filed', key: 'psy_ord/PSY_ORD_20250101.csv' });
    expect((await readObject(s3, bucket, 'psy_ord/PSY_ORD_20250101.csv')).toString()).toContain(
      'new',
    );
    expect(await listKeys(s3, bucket)).not.toContain('PSY_ORD_20250101.csv');
  });

  it('finds the filed copy of a duplicate delivery for a table with a forced encoding', async () => {
    // Prepare
    const forced = defaultConfig({ tables: { member: { encoding: 'cp949' } } });
    await store.upload(
      'MEMBER_20250829.csv',
      Readable.from([iconv.encode('no,이름\n1,김민준\n', 'cp949')]),
      {
        metadata: {},
      },
    );
    const source = await store.head('MEMBER_20250829.csv');
    await fileCsvObject({ key: 'MEMBER_20250829.csv' }, { store, config: forced });

    // Act
    const duplicate = await fileCsvObject(
      { key: 'MEMBER_20250829.csv', eTag: source?.eTag },
      { store, config: forced },
    );

    // Assess
    expect(duplicate).toMatchObject({ status: 'filed', alreadyFiled: true, encoding: 'cp949' });
  });

  it('files once when the same event is delivered twice at the same time', async () => {
    // Prepare
    const handler = createFileUploadHandler(async () => ({
      s3: s3.client,
      config,
      logger: createLogger({ logLevel: 'SILENT' }),
    }));
    const event = await dropFile(s3, bucket, 'AT_SCALE_CODE_20250101.csv', 'code,name\n1,a\n');

    // Act
    const results = await Promise.all([
      handler(event, lambdaContext),
      handler(event, lambdaContext),
    ]);

    // Assess
    expect(results.map((r) => r.outcomes[0]?.status)).toEqual(['filed', 'filed']);
    expect(await listKeys(s3, bucket)).toEqual(['at_scale_code/AT_SCALE_CODE_20250101.csv']);
  });

  it('ignores test events and other event types with a log line, not a failure', async () => {
    // Prepare
    const handler = createFileUploadHandler(async () => ({
      s3: s3.client,
      config,
      logger: createLogger({ logLevel: 'SILENT' }),
    }));
    const removed = {
      Records: [
        {
          eventSource: 'aws:s3',
          eventName: 'ObjectRemoved:Delete',
          s3: { bucket: { name: bucket }, object: { key: 'X_20250101.csv' } },
        },
      ],
    };

    // Act
    const onTest = await handler({ Event: 's3:TestEvent', Bucket: bucket } as never, lambdaContext);
    const onRemoved = await handler(removed as never, lambdaContext);

    // Assess
    expect(onTest).toMatchObject({ filed: 0, skipped: 0, outcomes: [] });
    expect(onRemoved).toMatchObject({ filed: 0, skipped: 0, outcomes: [] });
  });
});
