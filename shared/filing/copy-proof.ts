import type { CopiedObject } from './object-store.js';

/**
 * Whether a server-side copy is proven whole by its own answer, with no HEAD: S3 computes the
 * ETag of the object it wrote, and for an object stored in one part, unencrypted or with
 * SSE-S3, that ETag is the MD5 of its bytes, so it equals the source's only when every byte
 * arrived. Every other case answers a different ETag (a multipart source `…-N`, SSE-KMS or
 * SSE-C, a store that says nothing) and is checked with a HEAD, as before. (The local S3,
 * s3rver, carries the stored MD5 over with the copied file instead of recomputing it: locally
 * the answer shows the copy happened, not what it wrote.)
 */
export function copyProvenWhole(
  copied: CopiedObject | undefined,
  sourceETag: string | undefined,
): boolean {
  const written = copied?.eTag;
  if (!written || !sourceETag) return false;
  return unquote(written) === unquote(sourceETag);
}

function unquote(eTag: string): string {
  return eTag.replace(/"/g, '').trim();
}
