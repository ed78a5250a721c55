import type { TableSettings } from '../config/config-schema.js';

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
    return settings?.rename[base] ?? settings?.rename[name] ?? base;
  });
}

/** A name for a column the file lacks: config's rename map still applies. */
export function renamedColumn(name: string, settings?: TableSettings): string {
  return settings?.rename[name] ?? name;
}

/** The catalog type of a column: string, unless config's `types` says otherwise. */
export function columnType(name: string, settings?: TableSettings, headerName?: string): string {
  const types = settings?.types ?? {};
  return types[name] ?? (headerName === undefined ? undefined : types[headerName]) ?? 'string';
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
  const mapped: Record<string, number> = {};
  header.catalog.forEach((name, index) => {
    const length = lengths[name];
    const final = finals[index];
    if (length !== undefined && final !== undefined) mapped[final] = length;
  });
  return mapped;
}
