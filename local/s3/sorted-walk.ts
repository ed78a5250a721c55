import { readdirSync } from 'node:fs';
import { posix } from 'node:path';

const S3RVER_SUFFIX = /\._S3rver_[a-z0-9.]+$/;

/**
 * A drop-in for s3rver's folder walk, which lists objects. Its own stats every entry
 * synchronously (seconds per listing once a folder holds thousands of objects) and yields
 * in directory order, which is not key order, so pages cut at 1,000 keys could skip keys.
 * This one reads entry types from readdir and yields files in S3 key order.
 */
export function* sortedWalk(
  dir: string,
  recurseFilter?: (dirPath: string) => boolean,
): Generator<string> {
  const files: string[] = [];
  collect(dir, recurseFilter, files);
  const keyOf = (path: string) => path.replace(S3RVER_SUFFIX, '');
  files.sort((a, b) => compare(keyOf(a), keyOf(b)) || compare(a, b));
  yield* files;
}

function collect(dir: string, filter: ((dirPath: string) => boolean) | undefined, into: string[]) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = posix.join(dir, entry.name);
    if (!entry.isDirectory()) into.push(path);
    else if (!filter || filter(path)) collect(path, filter, into);
  }
}

/** S3 orders keys by their UTF-8 bytes. */
function compare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
