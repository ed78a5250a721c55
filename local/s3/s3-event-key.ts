/**
 * Encodes an object key the way S3 writes it into event notifications: each path segment
 * URL-encoded, spaces as `+`. The local S3 server sends raw keys; handlers expect these.
 */
export function encodeS3EventKey(key: string): string {
  return key
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/%20/g, '+'))
    .join('/');
}
