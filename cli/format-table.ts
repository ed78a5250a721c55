import { terminalWidth } from './terminal-width.js';

/**
 * Renders rows as an aligned plain-text table with a header line. Cells are padded by their
 * width on a terminal, not their length: a Hangul syllable takes two columns.
 */
export function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) =>
    Math.max(terminalWidth(h), ...rows.map((r) => terminalWidth(r[i] ?? ''))),
  );
  const pad = (cell: string, width: number) =>
    cell + ' '.repeat(Math.max(0, width - terminalWidth(cell)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
