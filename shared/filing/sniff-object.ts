import type { Config } from '../config/config-schema.js';
import { ownEntry } from '../config/own-entry.js';
import { type CsvProfile, sniffCsvHead } from '../csv/sniff-csv-head.js';
import { tailEncoding } from '../csv/tail-encoding.js';
import { step } from './filing-step.js';
import type { ObjectStore, StoredObject } from './object-store.js';

/** The sniffer reads at most this much of the head, with one Range GET. */
export const SNIFF_BYTES = 64 * 1024;

/**
 * How to read an object: encoding, dialect and header, from its first 64 KiB (and, where
 * those say UTF-8, its last 64 KiB, which must agree).
 */
export async function sniffObject(
  store: ObjectStore,
  object: StoredObject,
  table: string,
  config: Config,
  /** Overrides the configured encoding: a filed copy is UTF-8 whatever its source was. */
  encoding?: 'utf-8',
): Promise<CsvProfile> {
  const head = await readHead(store, object);
  const setting = encoding ?? ownEntry(config.tables, table)?.encoding ?? config.encoding;
  const sniff = (forced: typeof setting) =>
    step(object.key, 'sniff', async () =>
      sniffCsvHead(head, {
        fileName: object.key,
        truncated: object.size > head.length,
        encoding: forced,
        columnNames: config.naming.columns,
      }),
    );
  const profile = await sniff(setting);
  if (
    setting !== 'auto' ||
    profile.encoding !== 'utf-8' ||
    profile.bom ||
    object.size <= SNIFF_BYTES
  ) {
    return profile;
  }
  // The head alone called it UTF-8; one more ranged read checks the end of the file.
  const tail = await step(object.key, 'sniff', () =>
    store.readRange(object.key, Math.max(SNIFF_BYTES, object.size - SNIFF_BYTES), object.size - 1),
  );
  return tailEncoding(tail) === 'cp949' ? sniff('cp949') : profile;
}

/**
 * A header longer than the sniff window is read whole (1,000 columns of long Korean names take
 * about 200 KB), up to this much: the 1 MB Glue's CSV classifier itself reads of a file.
 */
export const MAX_HEADER_BYTES = 1024 * 1024;

/** The first 64 KiB, or the whole header line and 64 KiB after it when the header is longer. */
async function readHead(store: ObjectStore, object: StoredObject): Promise<Uint8Array> {
  const read = (length: number) =>
    step(object.key, 'sniff', () => store.readRange(object.key, 0, length - 1));
  let head = await read(Math.min(object.size, SNIFF_BYTES));
  while (!head.includes(LINE_FEED) && head.length < Math.min(object.size, MAX_HEADER_BYTES)) {
    head = await read(Math.min(object.size, MAX_HEADER_BYTES, head.length * 4));
  }
  const headerEnd = head.indexOf(LINE_FEED);
  if (head.length <= SNIFF_BYTES || headerEnd < 0) return head;
  const wanted = Math.min(object.size, headerEnd + 1 + SNIFF_BYTES);
  return wanted > head.length ? read(wanted) : head;
}

const LINE_FEED = 0x0a;
