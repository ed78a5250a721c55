import type { SerDeInfo } from '@aws-sdk/client-glue';

export const OPEN_CSV_SERDE = 'org.apache.hadoop.hive.serde2.OpenCSVSerde';
export const LAZY_SIMPLE_SERDE = 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe';

export interface CsvLayout {
  delimiter: string;
  quote: string;
  /** Some field is quoted. */
  quoted: boolean;
  /** Some quoted field holds a line break. */
  multiline: boolean;
}

/**
 * The SerDe that reads the file: OpenCSVSerde once values are quoted or hold line breaks
 * (LazySimpleSerDe would keep the quotes and split records at the breaks), LazySimpleSerDe
 * otherwise (it also reads non-string types, should config ask for them).
 */
export function desiredSerde(layout: CsvLayout, current: SerDeInfo | undefined): SerDeInfo {
  const name = current?.Name === undefined ? {} : { Name: current.Name };
  if (layout.quoted || layout.multiline) {
    return {
      ...name,
      SerializationLibrary: OPEN_CSV_SERDE,
      Parameters: { separatorChar: layout.delimiter, quoteChar: layout.quote, escapeChar: '\\' },
    };
  }
  return {
    ...name,
    SerializationLibrary: LAZY_SIMPLE_SERDE,
    Parameters: { 'field.delim': layout.delimiter },
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
