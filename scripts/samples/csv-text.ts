/** How one sample file is laid out on disk. */
export interface CsvLayout {
  /** Line ending between records (and inside none of the fields: those keep their own). */
  eol?: '\n' | '\r\n';
  /** Whether the last record ends with a line ending too (most exporters write one). */
  finalNewline?: boolean;
}

/** A field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The CSV text of a header and its rows. */
export function csvText(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  layout: CsvLayout = {},
): string {
  const eol = layout.eol ?? '\n';
  for (const [index, row] of rows.entries()) {
    if (row.length !== header.length) {
      throw new Error(`row ${index} has ${row.length} fields, the header ${header.length}`);
    }
  }
  const body = [header, ...rows].map((row) => row.map(csvField).join(',')).join(eol);
  return layout.finalNewline === false ? body : body + eol;
}
