import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, readdirSync, rmSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** The parts of s3rver's folder store (lib/stores/filesystem.js) these writes use. */
interface FolderStore {
  getResourcePath(bucket: string, key: string, resource: string): string;
  putMetadata(bucket: string, key: string, metadata: unknown, md5?: string): Promise<void>;
  getMetadata(bucket: string, key: string): Promise<unknown>;
  putObject(object: S3rverObject): Promise<{ size: number; md5: string }>;
  copyObject(
    srcBucket: string,
    srcKey: string,
    destBucket: string,
    destKey: string,
    replacementMetadata?: unknown,
  ): Promise<unknown>;
}

interface S3rverObject {
  bucket: string;
  key: string;
  content: Buffer | Readable;
  metadata: unknown;
}

/**
 * S3 shows an object whole or not at all. s3rver writes the object's file in place, so a
 * stack killed mid-upload (SIGKILL, a crash) leaves a truncated object under the key — at the
 * bucket root, a "file" nobody uploaded whole, which a restart would file as a snapshot.
 * Here PutObject and CopyObject write the bytes to a temporary file beside it (which no
 * listing shows: it does not end in `._S3rver_object`) and rename it into place. The stored
 * MD5 (the ETag) goes first, so that a kill between the rename and the metadata leaves no
 * stale ETag: s3rver computes a missing one from the bytes.
 */
export function makeObjectWritesAtomic(store: FolderStore): void {
  store.putObject = async function putObject(this: FolderStore, object) {
    const objectPath = this.getResourcePath(object.bucket, object.key, 'object');
    await mkdir(dirname(objectPath), { recursive: true });
    const temp = temporaryPath(objectPath);
    const md5 = createHash('md5');
    let size = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        md5.update(chunk);
        size += chunk.length;
        callback(null, chunk);
      },
    });
    const content = Buffer.isBuffer(object.content)
      ? Readable.from([object.content])
      : object.content;
    try {
      await pipeline(content, measure, createWriteStream(temp));
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    const digest = md5.digest('hex');
    await rm(this.getResourcePath(object.bucket, object.key, 'object.md5'), { force: true });
    await rename(temp, objectPath);
    await this.putMetadata(object.bucket, object.key, object.metadata, digest);
    return { size, md5: digest };
  };

  const copyInPlace = store.copyObject;
  store.copyObject = async function copyObject(
    this: FolderStore,
    srcBucket,
    srcKey,
    destBucket,
    destKey,
    replacementMetadata,
  ) {
    const source = this.getResourcePath(srcBucket, srcKey, 'object');
    const target = this.getResourcePath(destBucket, destKey, 'object');
    if (source !== target) {
      await mkdir(dirname(target), { recursive: true });
      const temp = temporaryPath(target);
      try {
        await copyFile(source, temp);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      // s3rver's own copy writes the target's metadata next; its stale MD5 must not survive.
      const targetMd5 = this.getResourcePath(destBucket, destKey, 'object.md5');
      await rm(targetMd5, { force: true });
      await rename(temp, target);
      const md5 = await singlePartMd5(this.getResourcePath(srcBucket, srcKey, 'object.md5'));
      if (md5) await writeFile(targetMd5, md5);
    }
    // The bytes are in place: s3rver's copy of an object onto itself only writes metadata.
    return copyInPlace
      .call(this, destBucket, destKey, destBucket, destKey, replacementMetadata)
      .then(async (result) => {
        if (source === target || replacementMetadata) return result;
        // Without replacement metadata the source's metadata and MD5 come along, as S3 copies them.
        await copyFile(
          this.getResourcePath(srcBucket, srcKey, 'metadata.json'),
          this.getResourcePath(destBucket, destKey, 'metadata.json'),
        ).catch(() => undefined);
        return this.getMetadata(destBucket, destKey);
      });
  };
}

/**
 * The source's stored MD5 when its ETag is one (a single-part object): S3 answers a copy
 * (CopyObject writes one part) with the MD5 of its bytes, which for the same bytes is that
 * value, so the copy carries it instead of reading its bytes again. A multipart source's
 * `…-N` is no MD5: then none, and s3rver computes the copy's from its bytes, as S3 answers it.
 */
async function singlePartMd5(md5Path: string): Promise<string | undefined> {
  const md5 = await readFile(md5Path, 'utf8').catch(() => undefined);
  return md5 && /^[0-9a-f]{32}$/.test(md5) ? md5 : undefined;
}

/**
 * A short name beside the object's file: the key's own name may already be near the file
 * system's 255 bytes (Korean keys are 3 bytes a letter), and a name not ending in
 * `._S3rver_object` is no object to s3rver's listing.
 */
function temporaryPath(objectPath: string): string {
  return join(dirname(objectPath), `.csv-catalog-partial-${randomBytes(6).toString('hex')}`);
}

const TEMPORARY = /^\.csv-catalog-partial-[0-9a-f]{12}$/;

/**
 * Removes what writes a killed process never finished left under `dir` (never listed, but
 * bytes on disk). Called before the server answers, so no write of its own is in flight.
 */
export function removeUnfinishedWrites(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && TEMPORARY.test(entry.name)) {
      rmSync(join(entry.parentPath, entry.name), { force: true });
    }
  }
}
