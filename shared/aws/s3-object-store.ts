import type { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  type S3Client,
  S3ServiceException,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type {
  CopiedObject,
  CopyOptions,
  DeleteRequest,
  ObjectStore,
  StoredObject,
  WriteOptions,
} from '../filing/object-store.js';

/** CopyObject copies up to 5 GiB; larger objects need UploadPartCopy. */
export const SINGLE_COPY_LIMIT = 5 * 1024 ** 3;
const MIN_COPY_PART = 512 * 1024 ** 2;
const MAX_PARTS = 10_000;
const UPLOAD_PART_SIZE = 8 * 1024 ** 2;

/** The ObjectStore of one S3 bucket. */
export class S3ObjectStore implements ObjectStore {
  constructor(
    private readonly client: S3Client,
    public readonly bucket: string,
  ) {}

  async head(key: string): Promise<StoredObject | undefined> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return {
        key,
        size: out.ContentLength ?? 0,
        eTag: out.ETag,
        lastModified: out.LastModified,
        metadata: out.Metadata ?? {},
      };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async readRange(key: string, start: number, end: number): Promise<Uint8Array> {
    const out = await this.client.send(
      new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=${start}-${end}` }),
    );
    return out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
  }

  async readStream(key: string, start = 0, options: { ifMatch?: string } = {}): Promise<Readable> {
    const out = await this.client.send(
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Range: start > 0 ? `bytes=${start}-` : undefined,
        IfMatch: options.ifMatch,
      }),
    );
    return out.Body as Readable;
  }

  async copy(sourceKey: string, targetKey: string, options: CopyOptions): Promise<CopiedObject> {
    if (options.size > SINGLE_COPY_LIMIT) return this.multipartCopy(sourceKey, targetKey, options);
    const out = await this.client.send(
      new CopyObjectCommand({
        Bucket: this.bucket,
        Key: targetKey,
        CopySource: copySource(this.bucket, sourceKey),
        CopySourceIfMatch: options.sourceIfMatch,
        MetadataDirective: 'REPLACE',
        Metadata: options.metadata,
        ContentType: options.contentType,
      }),
    );
    // `?.` on the output too: a stand-in client may answer nothing, which proves nothing.
    return { eTag: out?.CopyObjectResult?.ETag };
  }

  async upload(key: string, body: Readable, options: WriteOptions): Promise<void> {
    const upload = new Upload({
      client: this.client,
      params: {
        Bucket: this.bucket,
        Key: key,
        Body: body,
        Metadata: options.metadata,
        ContentType: options.contentType,
      },
      partSize: UPLOAD_PART_SIZE,
      queueSize: 2,
      leavePartsOnError: false,
    });
    await upload.done();
  }

  async delete(key: string, options: { ifMatch?: string } = {}): Promise<void> {
    try {
      await this.client.send(
        new DeleteObjectCommand({ Bucket: this.bucket, Key: key, IfMatch: options.ifMatch }),
      );
    } catch (error) {
      // A conditional delete of a key already gone answers 404 on S3; the goal is reached.
      if (!isNotFound(error)) throw error;
    }
  }

  /**
   * One DeleteObjects, each key conditional on its ETag like `delete`; Quiet, so S3 answers
   * only the keys it did not delete. The SDK adds the checksum S3 requires (the client sends
   * checksums WHEN_REQUIRED, and DeleteObjects requires one).
   */
  async deleteEach(objects: DeleteRequest[]): Promise<(Error | undefined)[]> {
    if (objects.length === 0) return [];
    const out = await this.client.send(
      new DeleteObjectsCommand({
        Bucket: this.bucket,
        Delete: {
          Objects: objects.map((o) => ({ Key: o.key, ETag: o.ifMatch })),
          Quiet: true,
        },
      }),
    );
    const failed = new Map<string, { Code?: string; Message?: string }>();
    for (const error of out?.Errors ?? []) if (error.Key) failed.set(error.Key, error);
    return objects.map(({ key }) => {
      const error = failed.get(key);
      // A key already gone is not an error, as for `delete`: whoever deleted it had filed it.
      if (!error || error.Code === 'NoSuchKey') return undefined;
      return new S3ServiceException({
        name: error.Code ?? 'DeleteFailed',
        $fault: 'client',
        // The status a DeleteObject answers the same refusal with.
        $metadata: { httpStatusCode: error.Code === 'PreconditionFailed' ? 412 : undefined },
        message: error.Message ?? error.Code ?? 'not deleted',
      });
    });
  }

  async *listFiles(prefix: string): AsyncIterable<StoredObject[]> {
    const pages = paginateListObjectsV2(
      { client: this.client },
      { Bucket: this.bucket, Prefix: prefix || undefined, Delimiter: '/' },
    );
    for await (const page of pages) {
      yield (page.Contents ?? []).map((o) => ({
        key: o.Key ?? '',
        size: o.Size ?? 0,
        eTag: o.ETag,
        lastModified: o.LastModified,
      }));
    }
  }

  async listPrefixes(prefix: string): Promise<string[]> {
    const prefixes: string[] = [];
    const pages = paginateListObjectsV2(
      { client: this.client },
      { Bucket: this.bucket, Prefix: prefix || undefined, Delimiter: '/' },
    );
    for await (const page of pages) {
      for (const p of page.CommonPrefixes ?? []) if (p.Prefix) prefixes.push(p.Prefix);
    }
    return prefixes;
  }

  /** Copies an object over 5 GiB in parts, server-side; aborts the upload on failure. */
  private async multipartCopy(
    sourceKey: string,
    targetKey: string,
    options: CopyOptions,
  ): Promise<CopiedObject> {
    const partSize = Math.max(MIN_COPY_PART, Math.ceil(options.size / MAX_PARTS));
    const { UploadId } = await this.client.send(
      new CreateMultipartUploadCommand({
        Bucket: this.bucket,
        Key: targetKey,
        Metadata: options.metadata,
        ContentType: options.contentType,
      }),
    );
    try {
      const parts: { ETag?: string; PartNumber: number }[] = [];
      for (let start = 0, n = 1; start < options.size; start += partSize, n++) {
        const end = Math.min(start + partSize, options.size) - 1;
        const out = await this.client.send(
          new UploadPartCopyCommand({
            Bucket: this.bucket,
            Key: targetKey,
            UploadId,
            PartNumber: n,
            CopySource: copySource(this.bucket, sourceKey),
            CopySourceIfMatch: options.sourceIfMatch,
            CopySourceRange: `bytes=${start}-${end}`,
          }),
        );
        parts.push({ ETag: out.CopyPartResult?.ETag, PartNumber: n });
      }
      const done = await this.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key: targetKey,
          UploadId,
          MultipartUpload: { Parts: parts },
        }),
      );
      return { eTag: done?.ETag };
    } catch (error) {
      await this.client
        .send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: targetKey, UploadId }))
        .catch(() => undefined);
      throw error;
    }
  }
}

/** `bucket/key` with each key segment URL-encoded, as x-amz-copy-source expects. */
function copySource(bucket: string, key: string): string {
  return `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

function isNotFound(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.name === 'NotFound' ||
      error.name === 'NoSuchKey' ||
      error.$metadata.httpStatusCode === 404)
  );
}
