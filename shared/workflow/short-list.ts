/** A list kept short for a Step Functions state: how many there are, and the first few. */
export interface ShortList<T> {
  count: number;
  first: T[];
}

/**
 * Five names of 64 Korean characters are under 1 KB: a 1,000-column table's changes stay
 * readable in the console and far below the 256 KB a state may hold.
 */
export const SHORT_LIST_LENGTH = 5;

export function shortList<T>(items: readonly T[], length = SHORT_LIST_LENGTH): ShortList<T> {
  return { count: items.length, first: items.slice(0, length) };
}
