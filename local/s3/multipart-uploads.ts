import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, truncate, writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** The parts of s3rver's folder store (lib/stores/filesystem.js) multipart uploads use. */
interface MultipartStore {
  getResourcePath(bucket: string, key: string | undefined, resource: string): string;
  putMetadata(bucket: string, key: string, metadata: unknown, md5?: string): Promise<void>;
  putPart(
    bucket: string,
    uploadId: string,
    partNumber: string | number,
    content: IncomingMessage,
  ): Promise<{ size: number; md5: string }>;
  putObjectMultipart(
    bucket: string,
    uploadId: string,
    parts: { number: number; etag: string }[],
  ): Promise<{ size: number; md5: string }>;
}

type S3ErrorConstructor = new (
  code: string,
  message: string,
  detail?: Record<string, string | number>,
) => Error;

/** s3rver's error type: its controllers answer it as S3's XML error with the code's status. */
const S3Error = createRequire(import.meta.url)('s3rver/lib/models/error.js') as S3ErrorConstructor;

/**
 * Every part but the last is at least 5 MiB:
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html
 */
export const MIN_PART_BYTES = 5 * 1024 ** 2;

/** Files of an upload's folder, beside s3rver's `key` and `metadata`. */
const ASSEMBLY = 'assembly';
const PART_SIZE = 'part-size';

/**
 * Multipart uploads as S3 answers them, where s3rver checked nothing at completion, answered
 * another ETag, and was slow: it kept each part in a file and at completion read them all
 * back, hashed the whole object and wrote it again (8.6 s of a 1.3 GB filing).
 *
 * - UploadPart: S3's part ETag, the MD5 of its bytes, computed as they arrive. Clients send
 *   parts of one size but the last (lib-storage, the CLI): a part is written straight to its
 *   place in the upload's `assembly` file, at (number − 1) × the size of part 1, when part 1's
 *   size is known and the part is not larger; any other part goes to a file of its own, as
 *   before. Two uploads of one part number run one after the other (the last one wins, as on
 *   S3, never a mix of both).
 * - CompleteMultipartUpload, checked as S3 does
 *   (https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html):
 *   NoSuchUpload (404) for an unknown upload; InvalidPartOrder for parts out of ascending
 *   order, InvalidPart for one not uploaded or listed with another ETag, EntityTooSmall for a
 *   part under 5 MiB that is not the last (400 each). The ETag is S3's: the MD5 of the parts'
 *   binary MD5s, a dash and the number of parts
 *   (https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html,
 *   "Multipart uploads"), from the part MD5s: no byte is hashed again.
 * - The object: when the listed parts are 1…N, all in place, the assembly is cut to its length
 *   and renamed onto the key (no byte copied); otherwise the parts are streamed once into a
 *   temporary file beside the key, then renamed. Either way the object appears whole or not at
 *   all (atomic-object-writes.ts), also when the process is killed meanwhile.
 */
export function multipartUploadsAsS3(store: MultipartStore): void {
  const partsBeingWritten = new Map<string, Promise<unknown>>();
  /** Uploads being completed: a part arriving now is refused, as on S3 once it is complete. */
  const completing = new Set<string>();

  store.putPart = function putPart(this: MultipartStore, bucket, uploadId, partNumber, content) {
    const uploadDir = join(this.getResourcePath(bucket, undefined, 'uploads'), uploadId);
    const number = Number(partNumber);
    const id = `${uploadDir}\u0000${number}`;
    const previous = partsBeingWritten.get(id) ?? Promise.resolve();
    const written = previous
      .catch(() => undefined)
      .then(() => {
        if (completing.has(uploadDir)) throw noSuchUpload(uploadDir);
        return writePart(uploadDir, number, content);
      });
    partsBeingWritten.set(id, written);
    const forget = () => {
      if (partsBeingWritten.get(id) === written) partsBeingWritten.delete(id);
    };
    written.then(forget, forget);
    return written;
  };

  store.putObjectMultipart = async function putObjectMultipart(
    this: MultipartStore,
    bucket,
    uploadId,
    parts,
  ) {
    const uploadDir = join(this.getResourcePath(bucket, undefined, 'uploads'), uploadId);
    if (completing.has(uploadDir)) throw noSuchUpload(uploadDir);
    completing.add(uploadDir);
    try {
      // A part still being written would write into the object once the assembly is renamed.
      const writing = [...partsBeingWritten].filter(([id]) => id.startsWith(`${uploadDir}\u0000`));
      await Promise.allSettled(writing.map(([, written]) => written));
      return await complete(this, bucket, uploadDir, parts);
    } finally {
      completing.delete(uploadDir);
    }
  };
}

/** CompleteMultipartUpload once no part of the upload is being written. */
async function complete(
  store: MultipartStore,
  bucket: string,
  uploadDir: string,
  parts: { number: number; etag: string }[],
): Promise<{ size: number; md5: string }> {
  const upload = await readUpload(uploadDir);
  const stored = await checkedParts(uploadDir, parts);
  const objectPath = store.getResourcePath(bucket, upload.key, 'object');
  await mkdir(dirname(objectPath), { recursive: true });
  const size = stored.reduce((sum, part) => sum + part.size, 0);
  let assembled: string;
  const partSize = await assemblyPartSize(uploadDir, stored);
  if (partSize !== undefined) {
    assembled = join(uploadDir, ASSEMBLY);
    await placeInAssembly(stored, assembled, partSize);
    await truncate(assembled, size);
  } else {
    assembled = join(dirname(objectPath), `.csv-catalog-partial-${randomBytes(6).toString('hex')}`);
    try {
      await concatenate(stored, assembled);
    } catch (error) {
      await rm(assembled, { force: true });
      throw error;
    }
  }
  const eTag = multipartETag(stored.map((part) => part.md5));
  // As a PutObject does (atomic-object-writes.ts): the stale MD5 goes before the rename.
  await rm(store.getResourcePath(bucket, upload.key, 'object.md5'), { force: true });
  await rename(assembled, objectPath);
  await store.putMetadata(bucket, upload.key, upload.metadata, eTag);
  await rm(uploadDir, { recursive: true, force: true });
  return { size, md5: eTag };
}

/** `md5(md5(part 1) ‖ … ‖ md5(part N))-N`, hex, as S3 answers a multipart object's ETag. */
export function multipartETag(partMd5s: string[]): string {
  const digest = createHash('md5');
  for (const md5 of partMd5s) digest.update(Buffer.from(md5, 'hex'));
  return `${digest.digest('hex')}-${partMd5s.length}`;
}

/**
 * Stores one part, in place in the assembly where it fits (see above), else in a file of its
 * own; its MD5 last, so that a part whose bytes did not all arrive is not there at all.
 */
async function writePart(
  uploadDir: string,
  number: number,
  content: IncomingMessage,
): Promise<{ size: number; md5: string }> {
  // S3 answers a part of an upload never started, or completed, with NoSuchUpload.
  await readUpload(uploadDir);
  const own = join(uploadDir, String(number));
  await Promise.all([
    rm(`${own}.md5`, { force: true }),
    rm(`${own}.placed`, { force: true }),
    rm(own, { force: true }),
  ]);
  const length = Number(content.headers['content-length']);
  const partSize = await partSizeOf(uploadDir, number, length);
  const inPlace = partSize !== undefined && length > 0 && length <= partSize;
  const md5 = createHash('md5');
  let size = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      md5.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  if (inPlace) {
    const assembly = join(uploadDir, ASSEMBLY);
    await (await open(assembly, 'a')).close();
    const start = (number - 1) * partSize;
    await pipeline(content, measure, createWriteStream(assembly, { flags: 'r+', start }));
    if (size !== length) throw new Error(`part ${number}: ${size} of ${length} bytes arrived`);
    await writeFile(`${own}.placed`, String(size));
  } else {
    await pipeline(content, measure, createWriteStream(own));
  }
  const digest = md5.digest('hex');
  await writeFile(`${own}.md5`, digest);
  return { size, md5: digest };
}

/**
 * The size every part but the last has, taken from part 1 (written once, when part 1 is first
 * stored); undefined while part 1 has not come, or when its length is not given.
 */
async function partSizeOf(
  uploadDir: string,
  number: number,
  length: number,
): Promise<number | undefined> {
  const path = join(uploadDir, PART_SIZE);
  if (number === 1 && Number.isSafeInteger(length) && length > 0) {
    await writeFile(path, String(length), { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
  const recorded = await readFile(path, 'utf8').catch(() => undefined);
  return recorded === undefined ? undefined : Number(recorded);
}

async function readUpload(uploadDir: string): Promise<{ key: string; metadata: unknown }> {
  try {
    const [key, metadata] = await Promise.all([
      readFile(join(uploadDir, 'key'), 'utf8'),
      readFile(join(uploadDir, 'metadata'), 'utf8'),
    ]);
    return { key, metadata: JSON.parse(metadata) as unknown };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw noSuchUpload(uploadDir);
  }
}

function noSuchUpload(uploadDir: string): Error {
  return new S3Error(
    'NoSuchUpload',
    'The specified multipart upload does not exist. The upload ID might be invalid, or the multipart upload might have been aborted or completed.',
    { UploadId: uploadDir.slice(uploadDir.lastIndexOf('/') + 1) },
  );
}

interface StoredPart {
  number: number;
  md5: string;
  size: number;
  /** Where its bytes are: its own file, or from `start` in the assembly. */
  source: { path: string; start?: number };
}

/** The listed parts as stored, once each is checked as S3 checks it; throws S3's error. */
async function checkedParts(
  uploadDir: string,
  parts: { number: number; etag: string }[],
): Promise<StoredPart[]> {
  const partSize = await readFile(join(uploadDir, PART_SIZE), 'utf8').then(Number, () => 0);
  const stored: StoredPart[] = [];
  for (const [index, part] of parts.entries()) {
    const previous = parts[index - 1];
    if (previous && part.number <= previous.number) {
      throw new S3Error(
        'InvalidPartOrder',
        'The list of parts was not in ascending order. The parts list must be specified in order by part number.',
      );
    }
    const found = await storedPart(uploadDir, part.number, partSize);
    if (!found || found.md5 !== part.etag.replace(/"/g, '').trim()) {
      throw new S3Error(
        'InvalidPart',
        "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
        { UploadId: uploadDir.slice(uploadDir.lastIndexOf('/') + 1), PartNumber: part.number },
      );
    }
    stored.push(found);
  }
  for (const part of stored.slice(0, -1)) {
    if (part.size < MIN_PART_BYTES) {
      throw new S3Error(
        'EntityTooSmall',
        'Your proposed upload is smaller than the minimum allowed object size.',
        {
          ProposedSize: part.size,
          MinSizeAllowed: MIN_PART_BYTES,
          PartNumber: part.number,
          ETag: part.md5,
        },
      );
    }
  }
  return stored;
}

/** One part as UploadPart stored it, or undefined when it was not (or not wholly) stored. */
async function storedPart(
  uploadDir: string,
  number: number,
  partSize: number,
): Promise<StoredPart | undefined> {
  const own = join(uploadDir, String(number));
  const md5 = await readFile(`${own}.md5`, 'utf8').catch(() => undefined);
  if (md5 === undefined) return undefined;
  const placed = await readFile(`${own}.placed`, 'utf8').catch(() => undefined);
  if (placed !== undefined) {
    const source = { path: join(uploadDir, ASSEMBLY), start: (number - 1) * partSize };
    return { number, md5: md5.trim(), size: Number(placed), source };
  }
  const size = await stat(own).then(
    (s) => s.size,
    () => undefined,
  );
  return size === undefined ? undefined : { number, md5: md5.trim(), size, source: { path: own } };
}

/**
 * The size of parts 1…N-1 when the listed parts can make the object in the assembly itself:
 * they are 1…N, each but the last of part 1's size and the last no larger. Undefined otherwise.
 */
async function assemblyPartSize(
  uploadDir: string,
  parts: StoredPart[],
): Promise<number | undefined> {
  const partSize = await readFile(join(uploadDir, PART_SIZE), 'utf8').then(Number, () => 0);
  if (!(partSize > 0)) return undefined;
  const fits = parts.every(
    (part, index) =>
      part.number === index + 1 &&
      (index === parts.length - 1 ? part.size <= partSize : part.size === partSize),
  );
  return fits ? partSize : undefined;
}

/**
 * Copies into the assembly the few parts that came before part 1's size was known (or that
 * were sent again larger), each to its place: the rest are there already.
 */
async function placeInAssembly(parts: StoredPart[], assembly: string, partSize: number) {
  const out = await open(assembly, 'a');
  await out.close();
  for (const part of parts) {
    if (part.source.start !== undefined) continue;
    await pipeline(
      createReadStream(part.source.path),
      createWriteStream(assembly, { flags: 'r+', start: (part.number - 1) * partSize }),
    );
  }
}

/** Writes the parts one after another into a new file at `target`, reading each once. */
async function concatenate(parts: StoredPart[], target: string): Promise<void> {
  const out = await open(target, 'w');
  try {
    for (const { source, size } of parts) {
      const range =
        source.start === undefined ? {} : { start: source.start, end: source.start + size - 1 };
      for await (const chunk of createReadStream(source.path, {
        ...range,
        highWaterMark: 1024 ** 2,
      })) {
        await out.write(chunk as Buffer);
      }
    }
  } finally {
    await out.close();
  }
}
