/**
 * The longest value per column over the sampled rows, in characters (code points, as MySQL
 * counts VARCHAR lengths). Fields beyond the header have no column and are not counted.
 */
export function sampleMaxLengths(
  columns: readonly string[],
  rows: readonly (readonly string[])[],
): Record<string, number> {
  const lengths: Record<string, number> = Object.fromEntries(columns.map((name) => [name, 0]));
  for (const row of rows) {
    columns.forEach((name, index) => {
      const value = row[index];
      if (value !== undefined) lengths[name] = Math.max(lengths[name] ?? 0, characterCount(value));
    });
  }
  return lengths;
}

function characterCount(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}
