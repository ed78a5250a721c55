import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateMachineNameOf } from '../../shared/aws/find-state-machine.js';
import { loadConfig } from '../../shared/config/load-config.js';
import {
  allowedActions,
  type CfnResource,
  type CfnTemplate,
  iamStatements,
  renderSub,
  resource,
  resourcesOf,
  resourcesOfType,
} from './cfn-template.js';
import {
  ALARM_EMAIL,
  BUCKET,
  capitalized,
  FUNCTIONS,
  PACKAGE_PARAMS,
  SECRET_ARN,
} from './deploy-fixture.js';
import { matchesPattern } from './event-pattern.js';
import {
  EXPECTED_ACTIONS,
  STAR_RESOURCE_ACTIONS,
  VPC_NETWORK_INTERFACE_ACTIONS,
} from './expected-grants.js';
import { type PackagedService, packageService, TEST_CONFIG } from './package-service.js';
import { bundledPackages, probeHandler, unpack } from './probe-bundle.js';

const ROOT = resolve(import.meta.dirname, '../..');
const ASL_FILE = resolve(ROOT, 'statemachines/csv-catalog.asl.json');

let service: PackagedService;
let template: CfnTemplate;
let database: string;

beforeAll(async () => {
  service = await packageService(PACKAGE_PARAMS);
  template = service.template;
  database = (await loadConfig(resolve(ROOT, TEST_CONFIG))).glue.database;
  // Bundles every Lambda with esbuild: minutes on a busy two-core machine.
}, 600_000);

afterAll(async () => {
  await service?.remove();
});

describe('file-upload trigger', () => {
  /** What S3 sends EventBridge when an object is created (ev-events.html), for a key. */
  const objectCreated = (key: string, bucket = BUCKET, detailType = 'Object Created') => ({
    version: '0',
    'detail-type': detailType,
    source: 'aws.s3',
    account: '123456789012',
    region: 'us-east-1',
    resources: [`arn:aws:s3:::${bucket}`],
    detail: { version: '0', bucket: { name: bucket }, object: { key, size: 10 } },
  });
  const dropRule = () => {
    const rules = resourcesOfType(template, 'AWS::Events::Rule');
    expect(rules).toHaveLength(1);
    return (rules[0] as [string, CfnResource])[1].Properties;
  };

  it('is an EventBridge rule for Object Created in this bucket, targeting file-upload', () => {
    const rule = dropRule();
    expect(rule).toMatchObject({
      Name: 'csv-catalog-test-csv-dropped',
      State: 'ENABLED',
      Targets: [{ Arn: { 'Fn::GetAtt': ['FileUploadLambdaFunction', 'Arn'] } }],
    });
    expect(rule.EventBusName).toBeUndefined();
    const permission = resourcesOfType(template, 'AWS::Lambda::Permission').map(([, p]) => p);
    expect(permission).toEqual([
      expect.objectContaining({
        Properties: expect.objectContaining({
          Action: 'lambda:InvokeFunction',
          Principal: 'events.amazonaws.com',
          FunctionName: { 'Fn::GetAtt': ['FileUploadLambdaFunction', 'Arn'] },
        }),
      }),
    ]);
    // No S3 notification any more: its suffix filter is case-sensitive.
    expect(resourcesOfType(template, 'Custom::S3')).toEqual([]);
  });

  it.each([
    'SCHOOL_TEACHER_202508291512.csv',
    'school_info_20250901.CSV',
    'member 2025-09-01.Csv',
    '학생_명단_20250901.cSV',
  ])('delivers %s, every casing of .csv', (key) => {
    expect(matchesPattern(dropRule().EventPattern, objectCreated(key))).toBe(true);
  });

  it.each([
    ['a file that is not a CSV', objectCreated('notes.txt')],
    ['a key that only contains .csv', objectCreated('dump.csv.gz')],
    ['another bucket', objectCreated('A_20250829.csv', 'someone-elses-bucket')],
    ['a deletion', objectCreated('A_20250829.csv', BUCKET, 'Object Deleted')],
  ])('does not deliver %s', (_what, event) => {
    expect(matchesPattern(dropRule().EventPattern, event)).toBe(false);
  });

  it('delivers its own copies under a prefix too: the handler skips them (no AND on one field)', () => {
    expect(
      matchesPattern(dropRule().EventPattern, objectCreated('psy_ord/PSY_ORD_20250829.csv')),
    ).toBe(true);
  });

  it('retries an undeliverable event for a day, then sends it to the dead-letter queue', () => {
    const [target] = dropRule().Targets;
    expect(target).toMatchObject({
      RetryPolicy: { MaximumEventAgeInSeconds: 86_400, MaximumRetryAttempts: 185 },
      DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['FileUploadDeadLetterQueue', 'Arn'] } },
    });
    const policy = resource(template, 'FileUploadDeadLetterQueuePolicy').Properties;
    expect(policy.Queues).toEqual([{ Ref: 'FileUploadDeadLetterQueue' }]);
    expect(policy.PolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Condition: {
          ArnEquals: {
            'aws:SourceArn': {
              'Fn::Sub': `arn:\${AWS::Partition}:events:\${AWS::Region}:\${AWS::AccountId}:rule/csv-catalog-test-csv-dropped`,
            },
          },
        },
      }),
    ]);
  });

  it('leaves an existing bucket as it is: no bucket resource, no notification handler', () => {
    // osls' own bucket for the deployment artifacts aside.
    expect(resourcesOfType(template, 'AWS::S3::Bucket').map(([id]) => id)).toEqual([
      'ServerlessDeploymentBucket',
    ]);
    expect(template.Resources.IamRoleCustomResourcesLambdaExecution).toBeUndefined();
  });

  it('sets up an existing bucket through its own custom resource: EventBridge on, the abort-uploads rule merged in', () => {
    const [[id, setup] = []] = resourcesOfType(template, 'Custom::CsvCatalogBucketSetup');
    expect(id).toBe('DropBucketSetup');
    expect(setup?.Properties).toEqual({
      ServiceToken: { 'Fn::GetAtt': ['BucketSetupLambdaFunction', 'Arn'] },
      BucketName: BUCKET,
      LifecycleRuleId: 'csv-catalog-test-abort-incomplete-multipart-uploads',
      AbortIncompleteMultipartUploadDays: 1,
    });
    const fn = resource(template, 'BucketSetupLambdaFunction').Properties;
    expect(fn.Handler).toBe('functions/bucket-setup/handler.handler');
    expect(fn.Role).toEqual({ 'Fn::GetAtt': ['BucketSetupRole', 'Arn'] });
    // It answers CloudFormation itself before its timeout: no osls custom-resource machinery.
    expect(fn.Timeout).toBe(60);
  });

  it('lets the bucket-setup role read and write only the notification and lifecycle configuration of this bucket', () => {
    const statements = iamStatements(template).filter((s) => s.role === 'BucketSetupRole');
    expect(
      statements.map(({ Action, Resource, Effect }) => ({ Effect, Action, Resource })),
    ).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: [{ 'Fn::GetAtt': ['BucketSetupLogGroup', 'Arn'] }],
      },
      {
        Effect: 'Allow',
        Action: [
          's3:GetBucketNotification',
          's3:PutBucketNotification',
          's3:GetLifecycleConfiguration',
          's3:PutLifecycleConfiguration',
        ],
        Resource: [{ 'Fn::Sub': `arn:\${AWS::Partition}:s3:::${BUCKET}` }],
      },
    ]);
    const others = iamStatements(template).filter((s) => s.role !== 'BucketSetupRole');
    expect(others.flatMap((s) => s.Action).filter((a) => /Notification|Lifecycle/.test(a))).toEqual(
      [],
    );
  });

  it('sends failed uploads to a 14-day dead-letter queue after two retries, and alarms on it', () => {
    const invokeConfig = resource(template, 'FileUploadLambdaEvConf').Properties;
    expect(invokeConfig.MaximumRetryAttempts).toBe(2);
    expect(invokeConfig.DestinationConfig.OnFailure.Destination).toEqual({
      'Fn::GetAtt': ['FileUploadDeadLetterQueue', 'Arn'],
    });
    expect(resource(template, 'FileUploadDeadLetterQueue').Properties.MessageRetentionPeriod).toBe(
      1_209_600,
    );
    expect(resource(template, 'FileUploadDeadLetterAlarm').Properties).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [
        { Name: 'QueueName', Value: { 'Fn::GetAtt': ['FileUploadDeadLetterQueue', 'QueueName'] } },
      ],
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
      AlarmActions: [{ Ref: 'AlarmTopic' }],
    });
  });
});

describe('state machine', () => {
  it('deploys the ASL file as written, each Lambda placeholder substituted by its ARN', async () => {
    const asl = await readFile(ASL_FILE, 'utf8');
    const machine = resource(template, 'CsvCatalogStateMachine').Properties;
    const substitutions = machine.DefinitionSubstitutions as Record<string, unknown>;
    const placeholders = [
      ...new Set([...asl.matchAll(/\$\{(\w+FunctionArn)\}/g)].map((m) => m[1])),
    ];
    expect(Object.keys(substitutions).sort()).toEqual(placeholders.sort());

    // Substitute as CloudFormation does: each ${key} of the map, nothing else.
    const arnOf = (value: unknown) => {
      const [logicalId] = (value as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'];
      const fn = resource(template, logicalId);
      expect(fn.Type).toBe('AWS::Lambda::Function');
      return `arn:aws:lambda:us-east-1:123456789012:function:${fn.Properties.FunctionName}`;
    };
    const substitute = (text: string) =>
      Object.entries(substitutions).reduce(
        (t, [key, value]) => t.replaceAll(`\${${key}}`, arnOf(value)),
        text,
      );
    const deployed = JSON.parse(substitute(machine.DefinitionString));
    expect(deployed).toEqual(JSON.parse(substitute(asl)));
    const invoked = Object.values(deployed.States as Record<string, { Parameters?: object }>)
      .map((s) => (s.Parameters as { FunctionName?: string } | undefined)?.FunctionName)
      .filter(Boolean);
    expect(new Set(invoked)).toEqual(
      new Set(
        [
          'checkSnapshot',
          'ensureCrawler',
          'decideCrawl',
          'describeCrawlFailure',
          'coerceSchema',
          'syncRdsDdl',
          'loadRows',
        ].map((key) => `arn:aws:lambda:us-east-1:123456789012:function:csv-catalog-test-${key}`),
      ),
    );
  });

  it('is a Standard workflow named for csv-catalog executions, logging errors without data', () => {
    const machine = resource(template, 'CsvCatalogStateMachine').Properties;
    expect(machine.StateMachineType).toBe('STANDARD');
    expect(machine.StateMachineName).toBe(stateMachineNameOf('test'));
    expect(machine.LoggingConfiguration).toMatchObject({
      Level: 'ERROR',
      IncludeExecutionData: false,
    });
    expect(template.Outputs?.StateMachineArn?.Value).toEqual({ Ref: 'CsvCatalogStateMachine' });
  });

  it('alarms on failed executions, mailing the given address', () => {
    expect(resource(template, 'ExecutionsFailedAlarm').Properties).toMatchObject({
      Namespace: 'AWS/States',
      MetricName: 'ExecutionsFailed',
      Dimensions: [{ Name: 'StateMachineArn', Value: { Ref: 'CsvCatalogStateMachine' } }],
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
    });
    expect(resource(template, 'AlarmEmailSubscription').Properties).toMatchObject({
      Protocol: 'email',
      Endpoint: ALARM_EMAIL,
    });
  });
});

describe('least privilege', () => {
  it('gives each role exactly the actions its code calls', () => {
    const roles = resourcesOfType(template, 'AWS::IAM::Role').map(([id]) => id);
    expect(Object.fromEntries(roles.map((id) => [id, allowedActions(template, id)]))).toEqual(
      EXPECTED_ACTIONS,
    );
  });

  it('names no wildcard action, and `*` resources only where AWS has no narrower ARN', () => {
    for (const statement of iamStatements(template)) {
      expect(
        statement.Action.filter((a) => a.includes('*')),
        statement.role,
      ).toEqual([]);
      if (statement.Resource.includes('*')) {
        expect(statement.Resource, statement.role).toEqual(['*']);
        expect(
          statement.Action.filter((a) => !STAR_RESOURCE_ACTIONS.has(a)),
          statement.role,
        ).toEqual([]);
      }
    }
  });

  it('scopes every other resource to this bucket, database, secret or stack resource', () => {
    const own = new Set(Object.keys(template.Resources));
    const scoped = (value: unknown) => {
      if (value === '*' || value === SECRET_ARN) return true;
      if (typeof value === 'object' && value !== null) {
        const id =
          (value as { Ref?: string }).Ref ??
          (value as { 'Fn::GetAtt'?: string[] })['Fn::GetAtt']?.[0];
        if (id) return own.has(id);
      }
      const arn = renderSub(value);
      return (
        typeof arn === 'string' &&
        [
          new RegExp(`^arn:aws:s3:::${BUCKET}(/.*)?$`),
          /^arn:aws:glue:us-east-1:123456789012:catalog$/,
          new RegExp(
            `^arn:aws:glue:us-east-1:123456789012:(database/${database}|table/${database}/\\*)$`,
          ),
          // The stage's own crawlers: the default pattern crawler_{stage}_{table}.
          /^arn:aws:glue:us-east-1:123456789012:crawler\/crawler_test_\*$/,
        ].some((pattern) => pattern.test(arn))
      );
    };
    for (const statement of iamStatements(template)) {
      expect(
        [...statement.Resource, ...(statement.NotResource ?? [])].filter((r) => !scoped(r)),
        statement.role,
      ).toEqual([]);
    }
    expect(database).toBe('schoolfriends');
  });

  it("scopes crawlers to the stage's names, and denies the crawler role every other database", () => {
    const crawlers = {
      'Fn::Sub': `arn:\${AWS::Partition}:glue:\${AWS::Region}:\${AWS::AccountId}:crawler/crawler_test_*`,
    };
    for (const action of ['glue:GetCrawler', 'glue:CreateCrawler', 'glue:UpdateCrawler']) {
      expect(resourcesOf(template, 'EnsureCrawlerRole', action)).toEqual([crawlers]);
    }
    for (const action of ['glue:StartCrawler', 'glue:GetCrawler']) {
      expect(resourcesOf(template, 'StateMachineRole', action)).toEqual([crawlers]);
    }
    const deny = iamStatements(template).filter(
      (s) => s.role === 'CrawlerRole' && s.Effect === 'Deny',
    );
    const catalogDeny = deny.find((s) => s.Action.includes('glue:CreateTable'));
    expect(catalogDeny?.Action).toEqual(
      expect.arrayContaining(['glue:UpdateTable', 'glue:DeleteTable', 'glue:BatchCreatePartition']),
    );
    expect(catalogDeny?.NotResource?.map(renderSub)).toEqual([
      'arn:aws:glue:us-east-1:123456789012:catalog',
      `arn:aws:glue:us-east-1:123456789012:database/${database}`,
      `arn:aws:glue:us-east-1:123456789012:table/${database}/*`,
    ]);
  });

  it('gives the VPC Lambdas the network-interface actions on `*`, as AWSLambdaVPCAccessExecutionRole does', () => {
    const vpc = iamStatements(template).filter((s) => s.Action.some((a) => a.startsWith('ec2:')));
    expect(vpc).toEqual(
      ['SyncRdsDdlRole', 'LoadRowsRole'].map((role) =>
        expect.objectContaining({
          role,
          Effect: 'Allow',
          Action: expect.arrayContaining(VPC_NETWORK_INTERFACE_ACTIONS),
          Resource: ['*'],
        }),
      ),
    );
    for (const statement of vpc) {
      expect(statement.Action).toHaveLength(VPC_NETWORK_INTERFACE_ACTIONS.length);
    }
  });

  it('lets LoadRows read only the filed files, its Glue table and the secret', () => {
    const grants = (action: string) => resourcesOf(template, 'LoadRowsRole', action).map(renderSub);
    expect(grants('s3:GetObject')).toEqual([`arn:aws:s3:::${BUCKET}/*/*`]);
    expect(grants('s3:ListBucket')).toEqual([`arn:aws:s3:::${BUCKET}`]);
    expect(grants('glue:GetTable')).toEqual([
      'arn:aws:glue:us-east-1:123456789012:catalog',
      `arn:aws:glue:us-east-1:123456789012:database/${database}`,
      `arn:aws:glue:us-east-1:123456789012:table/${database}/*`,
    ]);
    expect(grants('secretsmanager:GetSecretValue')).toEqual([SECRET_ARN]);
  });

  it('lets the state machine invoke exactly its Lambdas, and pass the crawler role to Glue only', () => {
    const invoked = resourcesOf(template, 'StateMachineRole', 'lambda:InvokeFunction');
    expect(invoked).toEqual(
      [
        'CheckSnapshot',
        'EnsureCrawler',
        'DecideCrawl',
        'DescribeCrawlFailure',
        'CoerceSchema',
        'SyncRdsDdl',
        'LoadRows',
      ].map((n) => ({
        'Fn::GetAtt': [`${n}LambdaFunction`, 'Arn'],
      })),
    );
    const passRole = iamStatements(template).find((s) => s.Action.includes('iam:PassRole'));
    expect(passRole).toMatchObject({
      role: 'EnsureCrawlerRole',
      Resource: [{ 'Fn::GetAtt': ['CrawlerRole', 'Arn'] }],
      Condition: { StringEquals: { 'iam:PassedToService': 'glue.amazonaws.com' } },
    });
    expect(resource(template, 'CrawlerRole').Properties.ManagedPolicyArns).toEqual([
      { 'Fn::Sub': `arn:\${AWS::Partition}:iam::aws:policy/service-role/AWSGlueServiceRole` },
    ]);
  });
});

describe('Lambdas', () => {
  it('run on nodejs22.x, each under its own role', () => {
    for (const [id, fn] of resourcesOfType(template, 'AWS::Lambda::Function')) {
      expect(fn.Properties.Runtime, id).toBe('nodejs22.x');
    }
    for (const [key, folder] of Object.entries(FUNCTIONS)) {
      const fn = resource(template, `${capitalized(key)}LambdaFunction`).Properties;
      expect(fn.Handler).toBe(`functions/${folder}/handler.handler`);
      expect(fn.Role).toEqual({ 'Fn::GetAtt': [`${capitalized(key)}Role`, 'Arn'] });
    }
  });

  it('get the environment their handlers read', () => {
    const env = (key: string) =>
      resource(template, `${capitalized(key)}LambdaFunction`).Properties.Environment.Variables;
    for (const key of Object.keys(FUNCTIONS)) {
      expect(env(key).CSV_CATALOG_CONFIG).toBe(`/var/task/${TEST_CONFIG}`);
      // shared/glue/crawler-name.ts puts it into crawler names.
      expect(env(key).STAGE).toBe('test');
    }
    expect(env('fileUpload').STATE_MACHINE_ARN).toEqual({ Ref: 'CsvCatalogStateMachine' });
    expect(env('ensureCrawler').CRAWLER_ROLE_ARN).toEqual({ 'Fn::GetAtt': ['CrawlerRole', 'Arn'] });
    for (const key of ['syncRdsDdl', 'loadRows']) {
      expect(env(key).RDS_SECRET_ARN, key).toBe(SECRET_ARN);
      expect(
        resource(template, `${capitalized(key)}LambdaFunction`).Properties.VpcConfig,
        key,
      ).toEqual({
        SubnetIds: ['subnet-0a1b2c3d', 'subnet-4e5f6a7b'],
        SecurityGroupIds: ['sg-0123456789abcdef0'],
      });
    }
  });

  it('give LoadRows a Lambda’s longest run and a full vCPU; the others stay under the ASL’s 300 s', () => {
    const fn = (key: string) => resource(template, `${capitalized(key)}LambdaFunction`).Properties;
    expect(fn('loadRows')).toMatchObject({ Timeout: 900, MemorySize: 1769 });
    for (const key of ['checkSnapshot', 'decideCrawl', 'coerceSchema', 'syncRdsDdl']) {
      expect(fn(key).Timeout, key).toBeLessThan(300);
    }
  });
});

describe('Lambda bundles', () => {
  let unpacked: string;
  beforeAll(async () => {
    // Outside the project: no node_modules above the bundles, as on Lambda.
    unpacked = await mkdtemp(join(tmpdir(), 'csv-catalog-bundles-'));
  });
  afterAll(async () => {
    if (unpacked) await rm(unpacked, { recursive: true, force: true });
  });

  /** The function's environment as Lambda sets it, with /var/task where it was unpacked. */
  const environmentOf = (key: string, dir: string): Record<string, string> => {
    const vars = resource(template, `${capitalized(key)}LambdaFunction`).Properties.Environment
      .Variables as Record<string, unknown>;
    const stand_in: Record<string, string> = {
      STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:123456789012:stateMachine:csv-catalog-test',
      CRAWLER_ROLE_ARN: 'arn:aws:iam::123456789012:role/csv-catalog-test-CrawlerRole',
    };
    return Object.fromEntries(
      Object.entries(vars).map(([name, value]) => [
        name,
        typeof value === 'string'
          ? value.replace(/^\/var\/task\//, `${dir}/`)
          : (stand_in[name] ?? ''),
      ]),
    );
  };

  it.each(Object.entries(FUNCTIONS))(
    '%s loads and runs with no node_modules',
    async (key, folder) => {
      const dir = join(unpacked, key);
      await unpack(service.artifact(key), dir);
      expect(existsSync(join(dir, TEST_CONFIG)), 'the bundled config').toBe(true);
      // file-upload gets what EventBridge sends on AWS; a key under a prefix is skipped
      // before any S3 call.
      const event =
        key === 'fileUpload'
          ? {
              version: '0',
              'detail-type': 'Object Created',
              source: 'aws.s3',
              detail: {
                bucket: { name: BUCKET },
                object: { key: 'psy_ord/PSY_ORD_20250829.csv', size: 3, etag: 'abc' },
              },
            }
          : {};
      const result = await probeHandler(
        dir,
        `functions/${folder}/handler.mjs`,
        event,
        environmentOf(key, dir),
      );
      expect(result.exports).toContain('handler');
      if (key === 'fileUpload') {
        // Past validation: the bundled config loaded and the object was skipped, not filed.
        expect(result.outcome).toMatchObject({ ok: true, value: { filed: 0, skipped: 1 } });
      } else {
        // Middy and zod run; the error keeps its literal name through bundling.
        expect(result.outcome).toMatchObject({ ok: false, name: 'InvalidEvent' });
      }
    },
  );

  it('bucketSetup loads with no node_modules, and refuses an event it could not answer', async () => {
    const dir = join(unpacked, 'bucketSetup');
    await unpack(service.artifact('bucketSetup'), dir);
    const result = await probeHandler(
      dir,
      'functions/bucket-setup/handler.mjs',
      { RequestType: 'Create' },
      environmentOf('bucketSetup', dir),
    );
    expect(result.exports).toContain('handler');
    expect(result.outcome).toMatchObject({ ok: false, name: 'InvalidEvent' });
  });

  it('bundle no dev-only, CLI or local-stack package', async () => {
    const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    const forbidden = new Set([
      ...Object.keys(manifest.devDependencies),
      's3rver',
      'aws-local-stepfunctions',
      'commander',
      'cli-progress',
    ]);
    for (const [key, folder] of Object.entries(FUNCTIONS)) {
      const dir = join(unpacked, key);
      if (!existsSync(dir)) await unpack(service.artifact(key), dir);
      const bundle = await readFile(join(dir, `functions/${folder}/handler.mjs`), 'utf8');
      expect(
        [...bundledPackages(bundle)].filter((p) => forbidden.has(p)),
        key,
      ).toEqual([]);
    }
  });
});
