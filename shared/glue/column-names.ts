import type { TableSettings } from '../config/config-schema.js';
import { ownEntry, recordOf } from '../config/own-entry.js';

/** The file's header as filing read it: cells as written, and their catalog names. */
export interface FileHeader {
  original: string[];
  catalog: string[];
}

/**
 * The final catalog name of each header column: config's positional list
 * (`tables.<t>.columns`) over the header's catalog name, then config's `rename` map.
 */
export function finalColumnNames(header: FileHeader, settings?: TableSettings): string[] {
  return header.catalog.map((name, index) => {
    const base = settings?.columns?.[index] ?? name;
    return ownEntry(settings?.rename, base) ?? ownEntry(settings?.rename, name) ?? base;
  });
}

/** A name for a column the file lacks: config's rename map still applies. */
export function renamedColumn(name: string, settings?: TableSettings): string {
  return ownEntry(settings?.rename, name) ?? name;
}

/** The catalog type of a column: string, unless config's `types` says otherwise. */
export function columnType(name: string, settings?: TableSettings, headerName?: string): string {
  const types = settings?.types;
  return (
    ownEntry(types, name) ??
    (headerName === undefined ? undefined : ownEntry(types, headerName)) ??
    'string'
  );
}

/**
 * Sampled value lengths are keyed by the file's catalog names; MySQL's columns carry the
 * final names. Maps one onto the other.
 */
export function sampleLengthsByFinalName(
  header: FileHeader,
  lengths: Readonly<Record<string, number>>,
  settings?: TableSettings,
): Record<string, number> {
  const finals = finalColumnNames(header, settings);
  return recordOf(
    header.catalog.flatMap((name, index): [string, number][] => {
      const length = ownEntry(lengths, name);
      const final = finals[index];
      return length !== undefined && final !== undefined ? [[final, length]] : [];
    }),
  );
}
