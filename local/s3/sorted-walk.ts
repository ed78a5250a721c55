import { readdirSync } from 'node:fs';
import { posix } from 'node:path';

const S3RVER_SUFFIX = /\._S3rver_[a-z0-9.]+$/;

/**
 * A drop-in for s3rver's folder walk, which lists objects. Its own stats every entry
 * synchronously (seconds per listing once a folder holds thousands of objects) and yields
 * in directory order, which is not key order, so pages cut at 1,000 keys could skip keys.
 * This one reads entry types from readdir and yields files in S3 key order (UTF-8 bytes).
 */
export function* sortedWalk(
  dir: string,
  recurseFilter?: (dirPath: string) => boolean,
): Generator<string> {
  const files: string[] = [];
  collect(dir, recurseFilter, files);
  // Each path's bytes once, not twice per comparison (a listing sorts thousands of paths).
  const sortable = files.map((path) => ({
    path,
    key: Buffer.from(path.replace(S3RVER_SUFFIX, '')),
    bytes: Buffer.from(path),
  }));
  sortable.sort((a, b) => Buffer.compare(a.key, b.key) || Buffer.compare(a.bytes, b.bytes));
  for (const { path } of sortable) yield path;
}

function collect(dir: string, filter: ((dirPath: string) => boolean) | undefined, into: string[]) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = posix.join(dir, entry.name);
    if (!entry.isDirectory()) into.push(path);
    else if (!filter || filter(path)) collect(path, filter, into);
  }
}
