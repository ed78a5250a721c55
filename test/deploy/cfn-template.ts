/** The parts of a CloudFormation template the deploy tests read. */
export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
  Outputs?: Record<string, { Value: unknown }>;
}

export interface CfnResource {
  Type: string;
  // CloudFormation properties are free-form JSON; each test narrows what it reads.
  // biome-ignore lint/suspicious/noExplicitAny: see above
  Properties: Record<string, any>;
  DependsOn?: string[];
}

export interface IamStatement {
  role: string;
  Effect: 'Allow' | 'Deny';
  Action: string[];
  /** Empty for a statement that names NotResource instead. */
  Resource: unknown[];
  NotResource?: unknown[];
  Condition?: unknown;
}

export function resourcesOfType(template: CfnTemplate, type: string): [string, CfnResource][] {
  return Object.entries(template.Resources).filter(([, r]) => r.Type === type);
}

export function resource(template: CfnTemplate, logicalId: string): CfnResource {
  const found = template.Resources[logicalId];
  if (!found) throw new Error(`the template has no resource ${logicalId}`);
  return found;
}

/** Every statement of every inline policy of every role, actions and resources as arrays. */
export function iamStatements(template: CfnTemplate): IamStatement[] {
  return resourcesOfType(template, 'AWS::IAM::Role').flatMap(([role, r]) =>
    (r.Properties.Policies ?? []).flatMap(
      (policy: { PolicyDocument: { Statement: Record<string, unknown>[] } }) =>
        policy.PolicyDocument.Statement.map((s) => ({
          role,
          Effect: s.Effect as IamStatement['Effect'],
          Action: ([] as string[]).concat(s.Action as string | string[]),
          Resource: s.Resource === undefined ? [] : ([] as unknown[]).concat(s.Resource),
          ...(s.NotResource === undefined
            ? {}
            : { NotResource: ([] as unknown[]).concat(s.NotResource) }),
          Condition: s.Condition,
        })),
    ),
  );
}

/** The actions a role is allowed, sorted. */
export function allowedActions(template: CfnTemplate, role: string): string[] {
  return iamStatements(template)
    .filter((s) => s.role === role && s.Effect === 'Allow')
    .flatMap((s) => s.Action)
    .sort();
}

/** The resources one action is allowed on for a role, as JSON for comparison. */
export function resourcesOf(template: CfnTemplate, role: string, action: string): unknown[] {
  return iamStatements(template)
    .filter((s) => s.role === role && s.Effect === 'Allow' && s.Action.includes(action))
    .flatMap((s) => s.Resource);
}

/** `{ "Fn::Sub": "arn:${AWS::Partition}:…" }` rendered for a test account in us-east-1. */
export function renderSub(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && 'Fn::Sub' in value) {
    const sub = (value as { 'Fn::Sub': unknown })['Fn::Sub'];
    if (typeof sub === 'string') {
      return sub
        .replace(/\$\{AWS::Partition\}/g, 'aws')
        .replace(/\$\{AWS::Region\}/g, 'us-east-1')
        .replace(/\$\{AWS::AccountId\}/g, '123456789012');
    }
  }
  return value;
}
