/** A CSV document from a header and rows (no quoting: callers pass plain cells). */
export function csvText(header: string[], rows: string[][], lineBreak = '\n'): string {
  return [header, ...rows].map((r) => r.join(',')).join(lineBreak) + lineBreak;
}
