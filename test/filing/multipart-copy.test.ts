import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  S3Client,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { S3ObjectStore, SINGLE_COPY_LIMIT } from '../../shared/aws/s3-object-store.js';

// The local S3 server lacks UploadPartCopy (501), so this path alone is checked on a mock.
describe('S3ObjectStore.copy above 5 GiB', () => {
  const client = new S3Client({ region: 'us-east-1' });
  const s3 = mockClient(client);
  const store = new S3ObjectStore(client, 'bucket');
  const size = 6 * 1024 ** 3;

  beforeEach(() => {
    s3.reset();
    s3.on(CreateMultipartUploadCommand).resolves({ UploadId: 'u1' });
    s3.on(UploadPartCopyCommand).callsFake((input: { PartNumber?: number }) => ({
      CopyPartResult: { ETag: `"etag-${input.PartNumber}"` },
    }));
    s3.on(CompleteMultipartUploadCommand).resolves({});
    s3.on(AbortMultipartUploadCommand).resolves({});
  });

  it('copies server-side in parts that cover every byte once', async () => {
    // Act
    await store.copy('BIG 학교_20250101.csv', 'big/BIG 학교_20250101.csv', {
      size,
      metadata: { 'source-etag': 'x' },
    });

    // Assess
    expect(s3).not.toHaveReceivedCommand(CopyObjectCommand);
    expect(s3).toHaveReceivedCommandWith(CreateMultipartUploadCommand, {
      Key: 'big/BIG 학교_20250101.csv',
      Metadata: { 'source-etag': 'x' },
    });
    const parts = s3.commandCalls(UploadPartCopyCommand).map((c) => c.args[0].input);
    expect(parts).toHaveLength(12);
    expect(parts[0]?.CopySource).toBe(`bucket/${encodeURIComponent('BIG 학교_20250101.csv')}`);
    const ranges = parts.map((p) =>
      (/^bytes=(\d+)-(\d+)$/.exec(p.CopySourceRange ?? '') ?? []).slice(1).map(Number),
    );
    expect(ranges[0]?.[0]).toBe(0);
    for (let i = 1; i < ranges.length; i++)
      expect(ranges[i]?.[0]).toBe((ranges[i - 1]?.[1] ?? 0) + 1);
    expect(ranges.at(-1)?.[1]).toBe(size - 1);
    expect(s3).toHaveReceivedCommandWith(CompleteMultipartUploadCommand, {
      UploadId: 'u1',
      MultipartUpload: {
        Parts: parts.map((p) => ({ ETag: `"etag-${p.PartNumber}"`, PartNumber: p.PartNumber })),
      },
    });
  });

  it('aborts the upload when a part fails, and reports the failure', async () => {
    // Prepare
    s3.on(UploadPartCopyCommand).rejectsOnce(new Error('SlowDown'));

    // Act
    const act = store.copy('a.csv', 't/a.csv', { size, metadata: {} });

    // Assess
    await expect(act).rejects.toThrow('SlowDown');
    expect(s3).toHaveReceivedCommandWith(AbortMultipartUploadCommand, {
      UploadId: 'u1',
      Key: 't/a.csv',
    });
    expect(s3).not.toHaveReceivedCommand(CompleteMultipartUploadCommand);
  });

  it('uses one CopyObject up to 5 GiB', async () => {
    // Act
    await store.copy('a.csv', 't/a.csv', { size: SINGLE_COPY_LIMIT, metadata: {} });

    // Assess
    expect(s3).toHaveReceivedCommandTimes(CopyObjectCommand, 1);
    expect(s3).not.toHaveReceivedCommand(CreateMultipartUploadCommand);
  });
});
