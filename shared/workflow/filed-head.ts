import type { Config } from '../config/config-schema.js';
import type { ObjectStore } from '../filing/object-store.js';
import { sniffObject } from '../filing/sniff-object.js';
import type { FileHeader } from '../glue/column-names.js';

/** What the steps read from a filed file's head: its header and the longest sampled values. */
export interface FiledHead {
  header: FileHeader;
  /** Longest sampled value per catalog column (the header's catalog names), in characters. */
  sampleMaxLengths: Record<string, number>;
}

/**
 * Reads the header of a filed object (UTF-8 without BOM, whatever its source was) the way
 * filing read it. The header is not carried in the execution input: a 1,000-column header of
 * long Korean names alone passes Step Functions' 256 KB quota. Undefined when the object is
 * gone (archived by a newer snapshot, or removed by hand).
 */
export async function readFiledHead(
  store: ObjectStore,
  request: { key: string; table: string },
  config: Config,
): Promise<FiledHead | undefined> {
  const object = await store.head(request.key);
  if (!object) return undefined;
  const profile = await sniffObject(store, object, request.table, config, 'utf-8');
  return { header: profile.header, sampleMaxLengths: profile.sampleMaxLengths };
}
