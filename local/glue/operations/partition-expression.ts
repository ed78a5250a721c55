import type { GlueColumn } from '../catalog-model.js';
import { invalidInput } from '../glue-errors.js';

/**
 * GetPartitions' `Expression`, reduced to what the local stack needs: equality tests on
 * partition keys joined by AND (`year = '2024' AND month = '01'`). Anything richer is refused
 * with InvalidInputException rather than answered wrongly.
 */
export function partitionFilter(
  expression: string | undefined,
  partitionKeys: readonly GlueColumn[],
): (values: readonly string[]) => boolean {
  if (expression === undefined || expression.trim() === '') return () => true;
  const tests = expression.split(/\s+and\s+/i).map((condition) => {
    const match = /^\s*\(?\s*([A-Za-z_][\w]*)\s*=\s*(?:'((?:[^']|'')*)'|(-?[\d.]+))\s*\)?\s*$/.exec(
      condition,
    );
    if (!match) {
      throw invalidInput(
        `Unsupported partition expression "${expression}": the local Glue endpoint understands key = 'value' joined by AND.`,
      );
    }
    const key = (match[1] ?? '').toLowerCase();
    const value = match[2] !== undefined ? match[2].replace(/''/g, "'") : (match[3] ?? '');
    const index = partitionKeys.findIndex((column) => column.Name.toLowerCase() === key);
    if (index < 0) throw invalidInput(`Unknown partition key ${key} in expression.`);
    return (values: readonly string[]) => values[index] === value;
  });
  return (values) => tests.every((test) => test(values));
}
