import { createRequire } from 'node:module';

/** The parts of s3rver's folder store a DeleteObjects uses (locked: local-s3-server.ts). */
interface DeletingStore {
  getMetadata(bucket: string, key: string): Promise<{ etag?: string }>;
  existsObject(bucket: string, key: string): Promise<boolean>;
  deleteObject(bucket: string, key: string): Promise<void>;
}

/** The parts of a Koa context (s3rver's controllers take one) this controller uses. */
interface DeleteContext {
  req: AsyncIterable<Buffer>;
  get(header: string): string;
  params: { bucket: string };
  store: DeletingStore;
  body: unknown;
}

interface ObjectControllers {
  deleteMultipleObjects(ctx: DeleteContext): Promise<void>;
}

type S3ErrorConstructor = new (code: string, message: string) => Error;
interface XmlParser {
  validate(xml: string): true | object;
  parse(xml: string, options: Record<string, unknown>): unknown;
}

// s3rver's own parser and error type, from s3rver's dependencies.
const requireFromS3rver = createRequire(createRequire(import.meta.url).resolve('s3rver'));
const S3Error = requireFromS3rver('./models/error.js') as S3ErrorConstructor;
const xmlParser = requireFromS3rver('fast-xml-parser') as XmlParser;
const he = requireFromS3rver('he') as { decode(text: string): string };

const MALFORMED_XML =
  'The XML you provided was not well-formed or did not validate against our published schema.';
/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html: at most 1,000 keys. */
const MAX_KEYS = 1000;

type KeyResult =
  | { Deleted: { Key: string } }
  | { Error: { Key: string; Code: string; Message: string } };

/**
 * DeleteObjects as S3 answers it
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html), replacing s3rver's,
 * which ignores each object's `ETag` condition (it would delete a re-uploaded object a
 * filing meant to keep), ignores `Quiet`, takes more than 1,000 keys and a request without
 * the checksum S3 requires, reads numeric-looking keys as numbers and splits a Korean key
 * cut between two chunks of the body. Per key, as S3 does: a key whose ETag differs is
 * `PreconditionFailed` and a conditional delete of a missing key `NoSuchKey` (as
 * s3-preconditions.ts answers a single DeleteObject), each in the result's `Error`; every other
 * key is `Deleted`, whether or not it existed. (As for DeleteObject with If-Match, the check
 * and the delete are two steps of the store, not one: a write between them is not seen.)
 */
export function deleteObjectsAsS3(controllers: ObjectControllers): void {
  controllers.deleteMultipleObjects = async function deleteMultipleObjects(ctx) {
    if (!ctx.get('content-md5') && !hasChecksumHeader(ctx)) {
      throw new S3Error(
        'InvalidRequest',
        'Missing required header for this request: Content-MD5 OR x-amz-checksum-*',
      );
    }
    const request = await parseDeleteRequest(ctx.req);
    const results = await Promise.all(
      request.objects.map((object) => deleteOne(ctx.store, ctx.params.bucket, object)),
    );
    const errors = results.filter((r) => 'Error' in r).map((r) => r.Error);
    const deleted = results.filter((r) => 'Deleted' in r).map((r) => r.Deleted);
    ctx.body = {
      DeleteResult: {
        '@': { xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/' },
        ...(request.quiet ? {} : { Deleted: deleted }),
        ...(errors.length > 0 ? { Error: errors } : {}),
      },
    };
  };
}

function hasChecksumHeader(ctx: DeleteContext): boolean {
  return ['crc32', 'crc32c', 'crc64nvme', 'sha1', 'sha256'].some((algorithm) =>
    Boolean(ctx.get(`x-amz-checksum-${algorithm}`)),
  );
}

interface DeleteRequest {
  objects: { key: string; eTag?: string }[];
  quiet: boolean;
}

async function parseDeleteRequest(body: AsyncIterable<Buffer>): Promise<DeleteRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk);
  // Decoded whole: a chunk boundary may fall inside a Korean letter.
  const xml = Buffer.concat(chunks).toString('utf8');
  if (xmlParser.validate(xml) !== true) throw new S3Error('MalformedXML', MALFORMED_XML);
  const parsed = xmlParser.parse(xml, {
    parseNodeValue: false,
    tagValueProcessor: (value: string) => he.decode(value),
  }) as { Delete?: { Object?: unknown; Quiet?: unknown } };
  const listed = parsed.Delete?.Object;
  if (listed === undefined) throw new S3Error('MalformedXML', MALFORMED_XML);
  const objects = ([] as unknown[]).concat(listed).map((o) => {
    const { Key, ETag } = (o ?? {}) as { Key?: unknown; ETag?: unknown };
    if (Key === undefined || Key === '') throw new S3Error('MalformedXML', MALFORMED_XML);
    return { key: String(Key), eTag: ETag === undefined ? undefined : String(ETag) };
  });
  if (objects.length > MAX_KEYS) throw new S3Error('MalformedXML', MALFORMED_XML);
  return { objects, quiet: String(parsed.Delete?.Quiet).trim().toLowerCase() === 'true' };
}

async function deleteOne(
  store: DeletingStore,
  bucket: string,
  object: { key: string; eTag?: string },
): Promise<KeyResult> {
  const { key } = object;
  if (object.eTag !== undefined) {
    const current = await store.getMetadata(bucket, key).then(
      (metadata) => metadata.etag,
      () => undefined,
    );
    if (current === undefined) {
      return {
        Error: { Key: key, Code: 'NoSuchKey', Message: 'The specified key does not exist.' },
      };
    }
    if (unquote(current) !== unquote(object.eTag)) {
      return {
        Error: {
          Key: key,
          Code: 'PreconditionFailed',
          Message: 'At least one of the pre-conditions you specified did not hold',
        },
      };
    }
  }
  if (await store.existsObject(bucket, key)) await store.deleteObject(bucket, key);
  return { Deleted: { Key: key } };
}

function unquote(eTag: string): string {
  return eTag.replace(/"/g, '').trim();
}
