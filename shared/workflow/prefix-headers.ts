import pLimit from 'p-limit';
import type { Config } from '../config/config-schema.js';
import { CsvFormatError, describeError, FilingError } from '../errors.js';
import { listAll, type ObjectStore, type StoredObject } from '../filing/object-store.js';
import { sniffObject } from '../filing/sniff-object.js';
import type { PrefixFile } from './header-groups.js';

/**
 * Files whose heads are read: enough for any table csv-catalog keeps (replace keeps one file),
 * few enough that a Lambda reads them in seconds (64 KiB each, a few at a time).
 */
export const MAX_FILES_READ = 500;
/** Heads read at once. */
const READ_CONCURRENCY = 8;

/** The files under a prefix, sub-prefixes included (the crawler reads them too), and their headers. */
export interface PrefixHeaders {
  /** In listing order, at most MAX_FILES_READ; names relative to the prefix. */
  files: PrefixFile[];
  /** Every file under the prefix. */
  total: number;
}

/**
 * Reads the header of each file under `prefix` the way CoerceSchema reads a filed file (UTF-8,
 * shared/filing/sniff-object.ts), as the crawler reads them. A head that is not CSV is reported,
 * not thrown; any other failure (S3 access) is thrown. A file removed meanwhile is left out.
 */
export async function readPrefixHeaders(
  store: ObjectStore,
  prefix: string,
  table: string,
  config: Config,
  maxFiles = MAX_FILES_READ,
): Promise<PrefixHeaders> {
  // A folder marker (`t/old/`, as the S3 console makes them) is no file.
  const objects = (await listTree(store, prefix)).filter((o) => !o.key.endsWith('/'));
  const limit = pLimit(READ_CONCURRENCY);
  const read = await Promise.all(
    objects
      .slice(0, maxFiles)
      .map((object) => limit(() => readHeader(store, object, prefix, table, config))),
  );
  return {
    files: read.filter((file): file is PrefixFile => file !== undefined),
    total: objects.length,
  };
}

/** Every object under a prefix, depth first in key order. */
async function listTree(store: ObjectStore, prefix: string): Promise<StoredObject[]> {
  const files = await listAll(store.listFiles(prefix));
  for (const sub of await store.listPrefixes(prefix)) files.push(...(await listTree(store, sub)));
  return files.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

async function readHeader(
  store: ObjectStore,
  object: StoredObject,
  prefix: string,
  table: string,
  config: Config,
): Promise<PrefixFile | undefined> {
  const name = object.key.slice(prefix.length);
  // Nothing to range-read; Glue's classifier finds no table in it either.
  if (object.size === 0) return { name, unreadable: 'is empty' };
  try {
    const profile = await sniffObject(store, object, table, config, 'utf-8');
    return {
      name,
      header: {
        columns: profile.header.original,
        delimiter: profile.delimiter,
        quote: profile.quote,
      },
    };
  } catch (error) {
    const csv = error instanceof FilingError ? error.cause : error;
    if (csv instanceof CsvFormatError) {
      // Its message starts with the key; the cause names the file itself.
      const message = describeError(csv);
      const reason = message.startsWith(`${object.key}: `)
        ? message.slice(object.key.length + 2)
        : message;
      return { name, unreadable: reason };
    }
    if (isGone(error)) return undefined;
    throw error;
  }
}

/** Removed between the listing and the read (S3 answers 404 NoSuchKey). */
function isGone(error: unknown): boolean {
  const cause = error instanceof FilingError ? error.cause : error;
  return (
    typeof cause === 'object' &&
    cause !== null &&
    'name' in cause &&
    (cause.name === 'NoSuchKey' || cause.name === 'NotFound')
  );
}
