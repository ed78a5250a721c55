import type { Config } from '../config/config-schema.js';
import { type CsvProfile, sniffCsvHead } from '../csv/sniff-csv-head.js';
import { step } from './filing-step.js';
import type { ObjectStore, StoredObject } from './object-store.js';

/** The sniffer reads at most this much of the head, with one Range GET. */
export const SNIFF_BYTES = 64 * 1024;

/** How to read an object: encoding, dialect and header, from its first 64 KiB only. */
export async function sniffObject(
  store: ObjectStore,
  object: StoredObject,
  table: string,
  config: Config,
  /** Overrides the configured encoding: a filed copy is UTF-8 whatever its source was. */
  encoding?: 'utf-8',
): Promise<CsvProfile> {
  const head = await step(object.key, 'sniff', () =>
    store.readRange(object.key, 0, Math.min(object.size, SNIFF_BYTES) - 1),
  );
  return step(object.key, 'sniff', async () =>
    sniffCsvHead(head, {
      fileName: object.key,
      truncated: object.size > head.length,
      encoding: encoding ?? config.tables[table]?.encoding ?? config.encoding,
    }),
  );
}
