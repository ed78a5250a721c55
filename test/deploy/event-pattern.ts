/**
 * Whether an event matches an EventBridge event pattern, for the operators the template uses,
 * as https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
 * defines them: every field of the pattern must match (AND); the values listed for a field
 * are alternatives (OR); a string value matches exactly; `prefix`/`suffix` (optionally with
 * `equals-ignore-case`), `equals-ignore-case`, `wildcard`, `anything-but`. An operator this
 * model does not know throws, so a pattern cannot pass a test by being misread.
 */
export function matchesPattern(pattern: unknown, event: unknown): boolean {
  if (!isRecord(pattern)) throw new Error(`a pattern is an object, not ${JSON.stringify(pattern)}`);
  return Object.entries(pattern).every(([field, expected]) => {
    if (field === '$or') throw new Error('$or is not modelled');
    const value = isRecord(event) ? event[field] : undefined;
    if (Array.isArray(expected))
      return expected.some((condition) => matchesValue(condition, value));
    return matchesPattern(expected, value);
  });
}

function matchesValue(condition: unknown, value: unknown): boolean {
  if (!isRecord(condition)) return value === condition;
  const [operator, ...others] = Object.keys(condition);
  if (operator === undefined || others.length > 0) {
    throw new Error(`one operator per condition: ${JSON.stringify(condition)}`);
  }
  const argument = condition[operator];
  if (operator === 'anything-but') {
    if (value === undefined) return false;
    const excluded = Array.isArray(argument) ? argument : [argument];
    return !excluded.some((a) => matchesValue(a, value));
  }
  if (typeof value !== 'string') return false;
  switch (operator) {
    case 'prefix':
      return affix(argument, value, (v, a) => v.startsWith(a));
    case 'suffix':
      return affix(argument, value, (v, a) => v.endsWith(a));
    case 'equals-ignore-case':
      return typeof argument === 'string' && value.toLowerCase() === argument.toLowerCase();
    case 'wildcard':
      return typeof argument === 'string' && wildcardRegExp(argument).test(value);
    default:
      throw new Error(`operator ${operator} is not modelled`);
  }
}

/** `"suffix": ".png"`, or `"suffix": {"equals-ignore-case": ".png"}`. */
function affix(argument: unknown, value: string, test: (v: string, a: string) => boolean): boolean {
  if (typeof argument === 'string') return test(value, argument);
  if (isRecord(argument) && typeof argument['equals-ignore-case'] === 'string') {
    return test(value.toLowerCase(), argument['equals-ignore-case'].toLowerCase());
  }
  throw new Error(`not a prefix/suffix argument: ${JSON.stringify(argument)}`);
}

/** `*` is any run of characters, `/` included. */
function wildcardRegExp(wildcard: string): RegExp {
  const escaped = wildcard.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`, 's');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
