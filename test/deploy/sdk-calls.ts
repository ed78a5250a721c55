import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * The AWS SDK calls the code reachable from `entries` can make: every `new <Name>Command(`,
 * `paginate<Name>(` and lib-storage `new Upload(` in the files they import, transitively
 * (relative imports), leaving out local/: the local stack's own calls never reach AWS.
 * Returns call name → the files that make it (paths from the repository root).
 */
export function sdkCallsReachableFrom(entries: string[]): Map<string, string[]> {
  const seen = new Set<string>();
  const pending = entries.map((entry) => resolve(ROOT, entry));
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)\.js'/g)) {
      const target = resolve(dirname(file), `${match[1]}.ts`);
      if (existsSync(target) && !relative(ROOT, target).startsWith('local/')) pending.push(target);
    }
  }
  const calls = new Map<string, string[]>();
  for (const file of [...seen].sort()) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/new (\w+)Command\(|paginate(\w+)\(|new (Upload)\(/g)) {
      const name = (match[1] ?? match[2] ?? match[3]) as string;
      calls.set(name, [...new Set([...(calls.get(name) ?? []), relative(ROOT, file)])]);
    }
  }
  return calls;
}
