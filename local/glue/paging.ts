import { invalidInput } from './glue-errors.js';

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/**
 * One page of a name-ordered list. The token names the last item returned, so items created or
 * deleted between calls neither repeat nor vanish from the pages still to come.
 */
export function pageOf<T>(
  sortedItems: readonly T[],
  nameOf: (item: T) => string,
  options: { maxResults?: number; nextToken?: string; defaultMax: number },
): Page<T> {
  const after = options.nextToken === undefined ? undefined : decodeToken(options.nextToken);
  const start = after === undefined ? 0 : sortedItems.findIndex((item) => nameOf(item) > after);
  const from = start < 0 ? sortedItems.length : start;
  const max = options.maxResults ?? options.defaultMax;
  const items = sortedItems.slice(from, from + max);
  const last = items.at(-1);
  if (last === undefined || from + max >= sortedItems.length) return { items };
  return { items, nextToken: encodeToken(nameOf(last)) };
}

export function byName<T>(nameOf: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const x = nameOf(a);
    const y = nameOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

function encodeToken(lastName: string): string {
  return Buffer.from(JSON.stringify({ after: lastName }), 'utf8').toString('base64url');
}

function decodeToken(token: string): string {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object' && 'after' in parsed) {
      const after = (parsed as { after: unknown }).after;
      if (typeof after === 'string') return after;
    }
  } catch {
    // fall through: not one of ours
  }
  throw invalidInput('Invalid continuation token');
}
