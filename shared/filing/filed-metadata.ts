/**
 * Metadata written on every filed copy: enough for a duplicate delivery, arriving after the
 * source is gone, to recognise its copy and start the same execution again. S3 metadata is
 * ASCII, so the source key is URL-encoded.
 */
export interface FiledMetadata {
  sourceKey: string;
  sourceETag: string;
  sourceEncoding: string;
  filedAt: string;
}

export function toS3Metadata(m: FiledMetadata): Record<string, string> {
  return {
    'source-key': encodeURIComponent(m.sourceKey),
    'source-etag': m.sourceETag.replace(/"/g, ''),
    'source-encoding': m.sourceEncoding,
    'filed-at': m.filedAt,
  };
}

export function fromS3Metadata(
  metadata: Record<string, string> | undefined,
): FiledMetadata | undefined {
  const key = metadata?.['source-key'];
  const eTag = metadata?.['source-etag'];
  if (!metadata || key === undefined || eTag === undefined) return undefined;
  return {
    sourceKey: decodeURIComponent(key),
    sourceETag: eTag,
    sourceEncoding: metadata['source-encoding'] ?? 'utf-8',
    filedAt: metadata['filed-at'] ?? new Date(0).toISOString(),
  };
}
