import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { CrawlFailure } from './crawl-errors.js';
import { SAMPLE_BYTES } from './csv-sample.js';
import { exclusionMatcher } from './exclusion-glob.js';

export interface S3Location {
  bucket: string;
  /** Empty for a whole bucket; otherwise ends with `/`. */
  prefix: string;
}

export interface S3ObjectEntry {
  bucket: string;
  key: string;
  /** The key below the include path; exclude patterns and partitions are read from it. */
  relativeKey: string;
  size: number;
}

export function parseS3Path(path: string): S3Location {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(path);
  if (!match) throw new CrawlFailure(`Invalid S3 target path ${path}`);
  const rest = match[2] ?? '';
  return { bucket: match[1] ?? '', prefix: rest === '' || rest.endsWith('/') ? rest : `${rest}/` };
}

/**
 * Every object under an include path, page after page, less what the exclude patterns match,
 * folder placeholders, and hidden files (names starting with `_` or `.`, such as `_SUCCESS`),
 * which Hadoop-style readers — and so the crawler — skip.
 */
export async function listTargetObjects(
  s3: S3Client,
  location: S3Location,
  exclusions: readonly string[],
  signal: AbortSignal,
): Promise<S3ObjectEntry[]> {
  const excluded = exclusionMatcher(exclusions);
  const entries: S3ObjectEntry[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({
        Bucket: location.bucket,
        Prefix: location.prefix || undefined,
        ContinuationToken: continuationToken,
      }),
      { abortSignal: signal },
    );
    for (const object of page.Contents ?? []) {
      const key = object.Key ?? '';
      const relativeKey = key.slice(location.prefix.length);
      if (relativeKey === '' || key.endsWith('/')) continue;
      const fileName = relativeKey.slice(relativeKey.lastIndexOf('/') + 1);
      if (fileName.startsWith('_') || fileName.startsWith('.')) continue;
      if (excluded(relativeKey)) continue;
      entries.push({ bucket: location.bucket, key, relativeKey, size: object.Size ?? 0 });
    }
    continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (continuationToken);
  return entries;
}

/** The head of an object as the crawler samples it. */
export interface ObjectHead {
  bytes: Uint8Array;
  truncated: boolean;
}

/**
 * The first bytes of an object (a ranged GET: the crawler never reads a whole large file), or
 * undefined when the object is gone since the listing (NoSuchKey: a concurrent filing archived
 * an older snapshot, say). Any other failure is a CrawlFailure that names the object.
 */
export async function readObjectHead(
  s3: S3Client,
  entry: S3ObjectEntry,
  signal: AbortSignal,
): Promise<ObjectHead | undefined> {
  if (entry.size === 0) return { bytes: new Uint8Array(), truncated: false };
  try {
    const response = await s3.send(
      new GetObjectCommand({
        Bucket: entry.bucket,
        Key: entry.key,
        Range: `bytes=0-${SAMPLE_BYTES - 1}`,
      }),
      { abortSignal: signal },
    );
    const bytes = (await response.Body?.transformToByteArray()) ?? new Uint8Array();
    return { bytes, truncated: entry.size > bytes.length };
  } catch (error) {
    if (signal.aborted) throw error;
    if (isGone(error)) return undefined;
    const message = error instanceof Error ? error.message : String(error);
    throw new CrawlFailure(
      `Internal Service Exception: cannot read s3://${entry.bucket}/${entry.key}: ${message}`,
      { cause: error },
    );
  }
}

/** S3 answers a GET for a deleted key with NoSuchKey (404). */
function isGone(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return error.name === 'NoSuchKey' || (error.name === 'NotFound' && status === 404);
}
