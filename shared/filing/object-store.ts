import type { Readable } from 'node:stream';

export interface StoredObject {
  key: string;
  size: number;
  eTag?: string;
  lastModified?: Date;
  /** User metadata (x-amz-meta-*), lower-case names. */
  metadata?: Record<string, string>;
}

/** One bucket, as the filing step sees it. Only the adapter knows it is S3. */
export interface ObjectStore {
  readonly bucket: string;
  /** The object's size, ETag and metadata, or undefined when there is none under the key. */
  head(key: string): Promise<StoredObject | undefined>;
  /** Bytes [start, end] inclusive (a Range GET). */
  readRange(key: string, start: number, end: number): Promise<Uint8Array>;
  /** The object's bytes from `start` on, streamed. */
  readStream(key: string, start?: number, options?: { ifMatch?: string }): Promise<Readable>;
  /** Server-side copy (multipart above the single-copy limit); replaces metadata. */
  copy(sourceKey: string, targetKey: string, options: CopyOptions): Promise<CopiedObject>;
  /** Streams a body into an object with bounded memory (multipart). */
  upload(key: string, body: Readable, options: WriteOptions): Promise<void>;
  /**
   * With `ifMatch`, deletes only the version of that ETag (S3 answers 412 otherwise). A key
   * that is already gone is not an error: whoever deleted it had filed it.
   */
  delete(key: string, options?: { ifMatch?: string }): Promise<void>;
  /**
   * Where the store can delete several keys in one request (S3 DeleteObjects, at most
   * `MAX_KEYS_PER_DELETE`): each key as `delete` would, one result per key in order, undefined
   * when it is deleted or already gone, else the error `delete` would have thrown.
   */
  deleteEach?(objects: DeleteRequest[]): Promise<(Error | undefined)[]>;
  /** Objects directly under a prefix ('' for the bucket root), not in sub-prefixes, every page. */
  listFiles(prefix: string): AsyncIterable<StoredObject[]>;
  /** The sub-prefixes directly under a prefix ('' for the root), each ending in '/'. */
  listPrefixes(prefix: string): Promise<string[]>;
}

/** A key to delete, and with `ifMatch`, only in the version of that ETag. */
export interface DeleteRequest {
  key: string;
  ifMatch?: string;
}

/**
 * Keys one S3 DeleteObjects takes:
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html
 */
export const MAX_KEYS_PER_DELETE = 1000;

export interface WriteOptions {
  metadata: Record<string, string>;
  contentType?: string;
}

/** What a copy answered about the object it wrote. */
export interface CopiedObject {
  /** The new object's ETag, as the store computed it (absent when it did not say). */
  eTag?: string;
}

export interface CopyOptions extends WriteOptions {
  /** The source's size, which decides between a single and a multipart copy. */
  size: number;
  /** Copy only the version of this ETag (S3 answers 412 otherwise). */
  sourceIfMatch?: string;
}

/** Collects every page of a listing. */
export async function listAll(pages: AsyncIterable<StoredObject[]>): Promise<StoredObject[]> {
  const all: StoredObject[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}
