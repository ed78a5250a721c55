import type { SerDeInfo } from '@aws-sdk/client-glue';

export const OPEN_CSV_SERDE = 'org.apache.hadoop.hive.serde2.OpenCSVSerde';
export const LAZY_SIMPLE_SERDE = 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe';

/** Config `serde` (top level, or per table). */
export type SerdeSetting = 'open-csv' | 'lazy-simple';

export interface CsvLayout {
  delimiter: string;
  quote: string;
  /**
   * Bytes 0x00–0x1F that occur in the file (bit n: byte n), from a scan of the whole file;
   * absent when unknown, then the file is taken to hold none.
   */
  controlBytes?: number;
}

/**
 * Escape characters that opencsv may be given, best first. Why not the backslash: OpenCSVSerde
 * (opencsv's CSVParser, and Trino's CsvDeserializer that Athena runs, "bug for bug compatible
 * with OpenCSVSerde") drops an escape character that is not followed by a quote or another
 * escape, so `escapeChar: '\\'` turns `C:\data` into `C:data`; and leaving escapeChar out, or
 * setting it to `"`, makes both fall back to the backslash. So the escape must be a character
 * the data does not hold. NUL first: opencsv documents '\0' as its "null character", the value
 * that means "none", and text exports do not hold it; where a file does, the first control
 * character the file lacks. opencsv and Trino refuse a separator, quote and escape that are the
 * same character, and none of these is a delimiter or quote csv-catalog detects (`,` `\t` `;`
 * `|`, `"` `'`). Glue accepts it: a SerDeInfo Parameters value has no pattern, only a length of
 * at most 512,000 (https://docs.aws.amazon.com/glue/latest/webapi/API_SerDeInfo.html; keys
 * must be 1–255 characters of [\u0020-\uD7FF\uE000-\uFFFD\t…]). Athena's own example uses
 * "escapeChar" = "\\" (https://docs.aws.amazon.com/athena/latest/ug/csv-serde.html), which is
 * the very setting that loses backslashes.
 */
const ESCAPE_CANDIDATES: readonly number[] = [
  0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0b, 0x0c, 0x0e, 0x0f, 0x10, 0x11, 0x12,
  0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
];

/** The escapeChar for OpenCSVSerde: a character the file does not hold (see above). */
export function escapeCharFor(layout: CsvLayout): string {
  const present = layout.controlBytes ?? 0;
  const code = ESCAPE_CANDIDATES.find(
    (candidate) =>
      (present & (1 << candidate)) === 0 &&
      String.fromCharCode(candidate) !== layout.delimiter &&
      String.fromCharCode(candidate) !== layout.quote,
  );
  // A file holding every control character: NUL, the "none" of opencsv, still drops only NULs.
  return String.fromCharCode(code ?? 0);
}

/**
 * The SerDe that reads the file. Every catalog column is a string, so OpenCSVSerde, which reads
 * quoted and unquoted fields alike, is the default for every table: the choice no longer
 * depends on where the file's first quoted field happens to be. LazySimpleSerDe only where the
 * config asks for it (it does not understand quotes, but reads non-string types).
 */
export function desiredSerde(
  layout: CsvLayout,
  current: SerDeInfo | undefined,
  setting: SerdeSetting = 'open-csv',
): SerDeInfo {
  const name = current?.Name === undefined ? {} : { Name: current.Name };
  if (setting === 'lazy-simple') {
    return {
      ...name,
      SerializationLibrary: LAZY_SIMPLE_SERDE,
      Parameters: { 'field.delim': layout.delimiter },
    };
  }
  return {
    ...name,
    SerializationLibrary: OPEN_CSV_SERDE,
    Parameters: {
      separatorChar: layout.delimiter,
      quoteChar: layout.quote,
      escapeChar: escapeCharFor(layout),
    },
  };
}

/** A short label for the console: `LazySimpleSerDe field.delim=","`. */
export function describeSerde(serde: SerDeInfo | undefined): string {
  if (!serde?.SerializationLibrary) return 'no SerDe';
  const library = serde.SerializationLibrary.split('.').at(-1) ?? serde.SerializationLibrary;
  const parameters = Object.entries(serde.Parameters ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  return [library, ...parameters].join(' ');
}
