import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sdkCallsReachableFrom } from './sdk-calls.js';

const ROOT = resolve(import.meta.dirname, '../..');
const POLICY_FILE = resolve(ROOT, 'deploy/operator-policy.json');

/**
 * The commands an operator runs against AWS (deploy/README.md, "The operator's policy"): where
 * each is registered (cli/definitions/, which loads its code lazily) and its code.
 */
const AWS_COMMANDS = ['executions', 'replay', 'backfill', 'sync', 'tables'].flatMap((name) =>
  [`cli/definitions/${name}.ts`, `cli/commands/${name}.ts`].filter((file) =>
    existsSync(resolve(ROOT, file)),
  ),
);

type ResourceKind =
  | 'any'
  | 'stateMachine'
  | 'execution'
  | 'bucket'
  | 'object'
  | 'catalog'
  | 'database'
  | 'table'
  | 'crawler'
  | 'secret';

/**
 * What IAM checks for each SDK call, on which kind of resource (the Service Authorization
 * Reference for Step Functions, S3, Glue and Secrets Manager:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsstepfunctions.html,
 * …/list_amazons3.html, …/list_awsglue.html, …/list_awssecretsmanager.html). A Glue Data Catalog
 * read needs the catalog, the database and the table (every ancestor of the table); GetCrawler
 * takes the crawler's ARN. CopyObject copies the source's tags by default, which
 * takes the tagging actions; lib-storage's Upload is PutObject or a multipart upload it aborts
 * on failure. A call missing here fails the test: add it, and to the policy if it needs it.
 */
const IAM_FOR_CALL: Record<string, [string, ResourceKind][]> = {
  ListStateMachines: [['states:ListStateMachines', 'any']],
  ListExecutions: [['states:ListExecutions', 'stateMachine']],
  StartExecution: [['states:StartExecution', 'stateMachine']],
  DescribeExecution: [['states:DescribeExecution', 'execution']],
  GetExecutionHistory: [['states:GetExecutionHistory', 'execution']],
  RedriveExecution: [['states:RedriveExecution', 'execution']],
  ListObjectsV2: [['s3:ListBucket', 'bucket']],
  HeadObject: [['s3:GetObject', 'object']],
  GetObject: [['s3:GetObject', 'object']],
  DeleteObject: [['s3:DeleteObject', 'object']],
  // DeleteObjects (backfill's batches) is no IAM action: each key needs s3:DeleteObject.
  DeleteObjects: [['s3:DeleteObject', 'object']],
  CopyObject: [
    ['s3:GetObject', 'object'],
    ['s3:PutObject', 'object'],
    ['s3:GetObjectTagging', 'object'],
    ['s3:PutObjectTagging', 'object'],
  ],
  Upload: [
    ['s3:PutObject', 'object'],
    ['s3:AbortMultipartUpload', 'object'],
  ],
  CreateMultipartUpload: [['s3:PutObject', 'object']],
  UploadPartCopy: [
    ['s3:GetObject', 'object'],
    ['s3:PutObject', 'object'],
  ],
  CompleteMultipartUpload: [['s3:PutObject', 'object']],
  AbortMultipartUpload: [['s3:AbortMultipartUpload', 'object']],
  GetTable: [
    ['glue:GetTable', 'catalog'],
    ['glue:GetTable', 'database'],
    ['glue:GetTable', 'table'],
  ],
  GetCrawler: [['glue:GetCrawler', 'crawler']],
  GetSecretValue: [['secretsmanager:GetSecretValue', 'secret']],
};

/** The stage's resources, placeholders filled in as deploy/README.md says. */
const FILLED = {
  REGION: 'ap-northeast-2',
  ACCOUNT_ID: '123456789012',
  STAGE: 'prod',
  BUCKET: 'school-dumps',
  // The stack's GlueDatabase output; glue.crawlerName up to {table}, the stage filled in.
  DATABASE: 'csv_catalog_prod',
  CRAWLER_PREFIX: 'crawler_prod_',
  RDS_SECRET_ARN:
    'arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:csv-catalog/prod-AbCdEf',
};
const PLACEHOLDER = new RegExp(Object.keys(FILLED).join('|'), 'g');
const RESOURCE_OF_KIND: Record<ResourceKind, string> = {
  any: '*',
  stateMachine: 'arn:aws:states:ap-northeast-2:123456789012:stateMachine:csv-catalog-prod',
  execution:
    'arn:aws:states:ap-northeast-2:123456789012:execution:csv-catalog-prod:school_teacher-202508291512-0123456789',
  bucket: 'arn:aws:s3:::school-dumps',
  object: 'arn:aws:s3:::school-dumps/학교_정보/학교_정보_20250901.csv',
  catalog: 'arn:aws:glue:ap-northeast-2:123456789012:catalog',
  database: 'arn:aws:glue:ap-northeast-2:123456789012:database/csv_catalog_prod',
  table: 'arn:aws:glue:ap-northeast-2:123456789012:table/csv_catalog_prod/학교_정보',
  crawler: 'arn:aws:glue:ap-northeast-2:123456789012:crawler/crawler_prod_학교_정보',
  secret: FILLED.RDS_SECRET_ARN,
};

interface Statement {
  Effect: string;
  Action: string[];
  Resource: string[];
}

function statementsOf(text: string): Statement[] {
  const policy = JSON.parse(text) as { Version: string; Statement: Record<string, unknown>[] };
  expect(policy.Version).toBe('2012-10-17');
  return policy.Statement.map((s) => ({
    Effect: s.Effect as string,
    Action: ([] as string[]).concat(s.Action as string | string[]),
    Resource: ([] as string[]).concat(s.Resource as string | string[]),
  }));
}

function fill(arn: string): string {
  return arn.replace(PLACEHOLDER, (p) => FILLED[p as keyof typeof FILLED]);
}

/** IAM's ARN matching: `*` any run of characters, `?` one. */
function arnMatches(pattern: string, arn: string): boolean {
  const regex = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${regex}$`, 's').test(arn);
}

function allows(statements: Statement[], action: string, arn: string): boolean {
  return statements.some(
    (s) =>
      s.Effect === 'Allow' &&
      s.Action.includes(action) &&
      s.Resource.some((r) => arnMatches(fill(r), arn)),
  );
}

describe("the operator's policy (deploy/operator-policy.json)", () => {
  const text = readFileSync(POLICY_FILE, 'utf8');
  const statements = statementsOf(text);
  const calls = sdkCallsReachableFrom(AWS_COMMANDS);

  it('names every AWS call of executions, replay, backfill, sync and tables', () => {
    expect([...calls.keys()].filter((call) => !(call in IAM_FOR_CALL))).toEqual([]);
    // What the commands do today; a new call shows up here first.
    expect([...calls.keys()].sort()).toEqual(
      expect.arrayContaining([
        'DeleteObject',
        'DescribeExecution',
        'GetCrawler',
        'GetExecutionHistory',
        'GetSecretValue',
        'GetTable',
        'ListExecutions',
        'ListObjectsV2',
        'ListStateMachines',
        'RedriveExecution',
        'StartExecution',
        'Upload',
      ]),
    );
  });

  it('allows each of those calls on the stage’s own resources', () => {
    const missing = [...calls.keys()].flatMap((call) =>
      (IAM_FOR_CALL[call] ?? [])
        .filter(([action, kind]) => !allows(statements, action, RESOURCE_OF_KIND[kind]))
        .map(([action, kind]) => `${call}: ${action} on ${RESOURCE_OF_KIND[kind]}`),
    );
    expect(missing).toEqual([]);
  });

  it('allows nothing else: no action the commands do not call, no other stage or bucket', () => {
    const needed = new Set(
      [...calls.keys()].flatMap((call) => (IAM_FOR_CALL[call] ?? []).map(([action]) => action)),
    );
    expect(statements.flatMap((s) => s.Action).filter((a) => !needed.has(a))).toEqual([]);
    expect(statements.flatMap((s) => s.Action).filter((a) => a.includes('*'))).toEqual([]);
    expect(statements.every((s) => s.Effect === 'Allow')).toBe(true);
    // `*` only where Step Functions has no resource-level permission.
    for (const s of statements.filter((s) => s.Resource.includes('*'))) {
      expect(s.Action).toEqual(['states:ListStateMachines']);
    }
    const otherStage = RESOURCE_OF_KIND.stateMachine.replace('csv-catalog-prod', 'csv-catalog-dev');
    expect(allows(statements, 'states:StartExecution', otherStage)).toBe(false);
    expect(
      allows(
        statements,
        'states:RedriveExecution',
        otherStage.replace('stateMachine', 'execution').concat(':x'),
      ),
    ).toBe(false);
    expect(allows(statements, 's3:DeleteObject', 'arn:aws:s3:::another-bucket/x.csv')).toBe(false);
    const otherDatabase = RESOURCE_OF_KIND.table.replaceAll('csv_catalog_prod', 'csv_catalog_dev');
    expect(allows(statements, 'glue:GetTable', otherDatabase)).toBe(false);
    expect(
      allows(statements, 'glue:GetCrawler', RESOURCE_OF_KIND.crawler.replace('_prod_', '_dev_')),
    ).toBe(false);
    expect(
      allows(
        statements,
        'secretsmanager:GetSecretValue',
        RESOURCE_OF_KIND.secret.replace('prod-AbCdEf', 'dev-XyZ123'),
      ),
    ).toBe(false);
  });

  it('charges `tables` with the reads it makes, not the writes of the clients it holds', () => {
    // Act: SdkGlueCatalog and S3ObjectStore also create tables and delete objects.
    const tables = [
      ...sdkCallsReachableFrom(AWS_COMMANDS.filter((file) => file.endsWith('/tables.ts'))).keys(),
    ];

    // Assess
    expect(tables).toEqual(
      expect.arrayContaining(['GetTable', 'GetCrawler', 'GetSecretValue', 'ListObjectsV2']),
    );
    expect(tables.filter((call) => !/^(Get|List|Describe|Head)/.test(call))).toEqual([]);
  });

  it('holds only the placeholders deploy/README.md tells how to fill', () => {
    const placeholders = new Set(text.match(/\b[A-Z][A-Z_]{2,}\b/g) ?? []);
    expect(placeholders).toEqual(new Set(Object.keys(FILLED)));
    for (const arn of statements.flatMap((s) => s.Resource).filter((r) => r !== '*')) {
      expect(fill(arn)).toMatch(
        /^arn:aws:((states|glue|secretsmanager):ap-northeast-2:123456789012|s3::):/,
      );
    }
  });

  it('is the policy deploy/README.md shows', () => {
    const readme = readFileSync(resolve(ROOT, 'deploy/README.md'), 'utf8');
    const shown = /## The operator's policy[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(shown, 'a ```json block under "## The operator\'s policy"').toBeDefined();
    expect(JSON.parse(shown ?? '')).toEqual(JSON.parse(text));
  });
});
