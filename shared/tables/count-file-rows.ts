import { RecordScanner } from '../csv/record-scanner.js';
import type { ObjectStore } from '../filing/object-store.js';

/**
 * The data records of a filed (UTF-8) CSV, the header not counted, blank lines not counted:
 * the object streamed once through the record scanner, so memory stays bounded whatever its
 * size. Quoted line breaks do not end records.
 */
export async function countFileRows(
  store: ObjectStore,
  key: string,
  dialect: { delimiter: string; quote: string },
): Promise<number> {
  const scanner = new RecordScanner(dialect);
  const body = await store.readStream(key);
  for await (const chunk of body) scanner.push(chunk as Uint8Array);
  return scanner.finish().records;
}
