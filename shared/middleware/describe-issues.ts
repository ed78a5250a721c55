/**
 * One issue as a Standard Schema validator reports it (what the Powertools parser gives back).
 * Zod adds `code`, and for a union every branch's own issues in `errors`.
 */
export interface SchemaIssue {
  readonly message: string;
  readonly path?: readonly (PropertyKey | { readonly key: PropertyKey })[] | undefined;
  readonly code?: string;
  readonly errors?: readonly (readonly SchemaIssue[])[];
  /** Zod's `unrecognized_keys`: the fields a strict object does not take. */
  readonly keys?: readonly string[];
}

/**
 * Each issue as `path: message`. An event that matches no shape of a union (an S3
 * notification or an EventBridge event) lists what each shape found wrong, not zod's bare
 * "Invalid input".
 */
export function describeIssues(
  issues: readonly SchemaIssue[],
  prefix: readonly PropertyKey[] = [],
): string {
  return issues
    .map((issue) => {
      const path = [...prefix, ...pathOf(issue)];
      const branches = unionBranches(issue);
      if (branches) {
        const shapes = branches.map((branch, i) => `(${i + 1}) ${describeIssues(branch, path)}`);
        return `matches no accepted shape: ${shapes.join(' | ')}`;
      }
      if (issue.code === 'unrecognized_keys' && issue.keys) {
        return issue.keys
          .map((key) => `${dotted([...path, key])}: not a field of this event`)
          .join('; ');
      }
      return `${dotted(path) || '(event)'}: ${issue.message}`;
    })
    .join('; ');
}

/** The dotted path of every wrong field (a union's branches each add theirs), `(event)` for the whole. */
export function wrongFields(
  issues: readonly SchemaIssue[],
  prefix: readonly PropertyKey[] = [],
): string[] {
  const fields = issues.flatMap((issue) => {
    const path = [...prefix, ...pathOf(issue)];
    const branches = unionBranches(issue);
    if (branches) return branches.flatMap((branch) => wrongFields(branch, path));
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      return issue.keys.map((key) => dotted([...path, key]));
    }
    return [dotted(path) || '(event)'];
  });
  return [...new Set(fields)];
}

function pathOf(issue: SchemaIssue): PropertyKey[] {
  return (issue.path ?? []).map((segment) =>
    typeof segment === 'object' && segment !== null ? segment.key : segment,
  );
}

function unionBranches(issue: SchemaIssue): readonly (readonly SchemaIssue[])[] | undefined {
  return issue.code === 'invalid_union' && issue.errors && issue.errors.length > 0
    ? issue.errors
    : undefined;
}

function dotted(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}
