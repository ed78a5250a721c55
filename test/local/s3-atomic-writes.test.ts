import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CopyObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalS3 } from '../../local/s3/local-s3-server.js';
import { listKeys, readObject } from '../support/bucket-contents.js';
import { dropFile } from '../support/drop-file.js';
import { startTestS3, type TestS3 } from '../support/local-s3.js';

const BUCKET = 'atomic';

/** A PUT whose body stops halfway: resolves once the server holds the first half. */
async function halfUpload(endpoint: string, key: string, body: Buffer) {
  const url = new URL(`/${BUCKET}/${encodeURIComponent(key)}`, endpoint);
  const req = request(url, {
    method: 'PUT',
    headers: { 'Content-Length': body.length, 'Content-Type': 'text/csv' },
  });
  req.on('error', () => undefined);
  req.write(body.subarray(0, body.length / 2));
  // Written to the socket; the server's store streams it to disk as it comes.
  await new Promise((resolve) => setTimeout(resolve, 200));
  return { abort: () => req.destroy() };
}

/**
 * Fault 6 of issue [9/10]: a stack killed mid-upload must not leave a truncated object. S3
 * shows an object whole or not at all; the local S3 writes beside the key and renames
 * (local/s3/atomic-object-writes.ts). Before that, s3rver wrote in place, and an upload the
 * client broke off never settled: it held the store's write lock, and every later request
 * waited for ever (both cases below timed out).
 */
describe('the local S3 shows an object whole or not at all', () => {
  let s3: TestS3;
  beforeAll(async () => {
    s3 = await startTestS3([BUCKET]);
  });
  afterAll(async () => s3?.stop());

  it('lists no key for an upload that broke off halfway', async () => {
    // Prepare
    const key = '학생명부_202509091200.csv';
    const body = Buffer.from(`학번,이름\n${'1,김민수\n'.repeat(200_000)}`);

    // Act
    // (While it runs, the store's write lock holds readers back: only what is left shows.)
    const upload = await halfUpload(s3.endpoint, key, body);
    upload.abort();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const afterAbort = await listKeys(s3, BUCKET);
    const head = await s3.client
      .send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))
      .then(() => 'found')
      .catch((error: Error) => error.name);

    // Assess
    expect(afterAbort).toEqual([]);
    expect(head).toBe('NotFound');
  });

  it('keeps the old bytes and ETag of a key whose replacement broke off halfway', async () => {
    // Prepare
    const key = 'school_teacher/SCHOOL_TEACHER_202509011200.csv';
    await dropFile(s3, BUCKET, key, 'a,b\n1,2\n');
    const before = await s3.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));

    // Act: a replacement broken off halfway
    const upload = await halfUpload(s3.endpoint, key, Buffer.from('x,y\n'.repeat(100_000)));
    upload.abort();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const after = await s3.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));

    // Assess
    expect(after.ContentLength).toBe(8);
    expect(after.ETag).toBe(before.ETag);
  });

  it('stores a key whose file name is near the file system’s 255 bytes (76 Korean letters)', async () => {
    // Prepare: s3rver keeps `<key>._S3rver_metadata.json`, 228 + 22 bytes: no room for a
    // temporary suffix on the key's own name
    const key = `${'가'.repeat(76)}`;

    // Act
    await dropFile(s3, BUCKET, key, '학번,이름\n1,김민수\n');
    const copied = `${'나'.repeat(76)}`;
    await s3.client.send(
      new CopyObjectCommand({
        Bucket: BUCKET,
        Key: copied,
        CopySource: `${BUCKET}/${encodeURIComponent(key)}`,
      }),
    );

    // Assess
    expect((await readObject(s3, BUCKET, key)).toString()).toBe('학번,이름\n1,김민수\n');
    expect((await readObject(s3, BUCKET, copied)).toString()).toBe('학번,이름\n1,김민수\n');
  });

  it('removes at start what a killed write left beside a key, and nothing else', async () => {
    // Prepare: a folder as a kill mid-write leaves it
    const dir = await mkdtemp(join(tmpdir(), 'csv-catalog-s3-kill-'));
    const folder = join(dir, BUCKET, '학생명부');
    await mkdir(folder, { recursive: true });
    const leftover = join(folder, '.csv-catalog-partial-0123456789ab');
    const object = join(folder, '학생명부_20250901.csv._S3rver_object');
    await writeFile(leftover, '학번,이름\n1,');
    await writeFile(object, '학번,이름\n1,김민수\n');

    // Act
    const server = await startLocalS3({ dir, buckets: [BUCKET] });
    await server.close();

    // Assess
    expect(existsSync(leftover)).toBe(false);
    expect(existsSync(object)).toBe(true);
    await rm(dir, { recursive: true, force: true });
  });
});
