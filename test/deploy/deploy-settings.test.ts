import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig, loadConfig } from '../../shared/config/load-config.js';
import {
  LOCAL_GLUE_DATABASE,
  stageGlueDatabase as tsStageGlueDatabase,
} from '../../shared/config/stage-database.js';
import { STAGE_CRAWLER_NAME as TS_STAGE_CRAWLER_NAME } from '../../shared/glue/crawler-name.js';
import type { CfnTemplate } from './cfn-template.js';
import { iamStatements, renderSub } from './cfn-template.js';
import { BUCKET, PACKAGE_PARAMS } from './deploy-fixture.js';
import { EXPECTED_KMS } from './expected-grants.js';

const KMS_KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

const ROOT = resolve(import.meta.dirname, '../..');
const load = createRequire(import.meta.url);

interface DeploySettings {
  bucket: string;
  database: string;
  crawlerNamePattern: string;
  existingBucket: boolean;
  rdsVpc?: { subnetIds: string[]; securityGroupIds: string[] };
}
const { readSettings, stageGlueDatabase, STAGE_CRAWLER_NAME } = load(
  '../../deploy/settings.cjs',
) as {
  readSettings: (raw: Record<string, unknown>, serviceDir: string) => DeploySettings;
  stageGlueDatabase: (stage: string) => string;
  STAGE_CRAWLER_NAME: string;
};
type ResourcesFile = (variables: {
  resolveConfigurationProperty: (path: string[]) => Promise<unknown>;
}) => Promise<CfnTemplate & { extensions: Record<string, unknown> }>;
const buildResources = load('../../deploy/resources.cjs') as ResourcesFile;

/** custom.csvCatalog as serverless.yml resolves it for `--stage test`. */
function custom(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    stage: 'test',
    existingBucket: true,
    logRetentionDays: '30',
    ...PACKAGE_PARAMS,
    ...overrides,
  };
}

const FUNCTION_KEYS = [
  'fileUpload',
  'checkSnapshot',
  'ensureCrawler',
  'decideCrawl',
  'describeCrawlFailure',
  'coerceSchema',
  'syncRdsDdl',
  'loadRows',
];
const resourcesFor = (settings: Record<string, unknown>) =>
  buildResources({
    resolveConfigurationProperty: async ([section]) =>
      section === 'custom'
        ? settings
        : {
            ...Object.fromEntries(FUNCTION_KEYS.map((key) => [key, {}])),
            fileUpload: { events: [{ eventBridge: { name: 'csv-catalog-test-csv-dropped' } }] },
          },
  });

describe('deploy settings', () => {
  it('takes the Glue database from the bundled config, else the stage’s, as the Lambdas do', async () => {
    expect(readSettings(custom(), ROOT).database).toBe('schoolfriends');
    for (const stage of ['test', 'prod-eu', 'Dev2']) {
      const withoutDatabase = readSettings(
        custom({ stage, config: 'test/deploy/fixtures/empty.config.json' }),
        ROOT,
      );
      expect(withoutDatabase.database).toBe(tsStageGlueDatabase(stage));
      expect(stageGlueDatabase(stage)).toBe(tsStageGlueDatabase(stage));
      // What a Lambda of that stage loads from the same file.
      const loaded = await loadConfig(
        resolve(ROOT, 'test/deploy/fixtures/empty.config.json'),
        stage,
      );
      expect(loaded.glue.database).toBe(withoutDatabase.database);
    }
    expect(tsStageGlueDatabase('prod-eu')).toBe('csv_catalog_prod_eu');
    // Locally (no stage) the default stays the seed's name.
    expect(defaultConfig().glue.database).toBe(LOCAL_GLUE_DATABASE);
  });

  it("gives two stages deployed with the repository's config names of their own", () => {
    const [dev, prod] = ['dev', 'prod'].map((stage) =>
      readSettings(custom({ stage, config: 'csv-catalog.config.yml' }), ROOT),
    );
    expect([dev?.database, prod?.database]).toEqual(['csv_catalog_dev', 'csv_catalog_prod']);
    expect([dev?.crawlerNamePattern, prod?.crawlerNamePattern]).toEqual([
      'crawler_dev_{table}',
      'crawler_prod_{table}',
    ]);
  });

  it('names crawlers as shared/glue/crawler-name.ts does when the config gives no pattern', () => {
    expect(STAGE_CRAWLER_NAME).toBe(TS_STAGE_CRAWLER_NAME);
  });

  it.each([
    [{ bucket: '' }, 'deploy parameter bucket: is required: pass --param="bucket=…"'],
    [
      { bucket: 'Not_A_Bucket' },
      'deploy parameter bucket: "Not_A_Bucket" is not an S3 bucket name',
    ],
    [{ rdsSecretArn: 'csv-catalog/prod' }, 'deploy parameter rdsSecretArn: must be the full ARN'],
    [{ rdsSecurityGroupIds: '' }, 'give rdsSubnetIds and rdsSecurityGroupIds together'],
    [{ config: 'missing.yml' }, 'deploy parameter config: missing.yml cannot be read'],
    [{ config: '/etc/csv-catalog.yml' }, 'must be a path inside the repository'],
    [
      { kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:alias/csv-catalog' },
      'deploy parameter kmsKeyArn: must be the ARN of a KMS key',
    ],
    [{ stage: 'prod_eu' }, 'deploy parameter stage: "prod_eu" must be letters, digits and -'],
    [
      { logRetentionDays: '10' },
      'deploy parameter logRetentionDays: must be one of 1, 3, 5, 7, 14',
    ],
  ])('refuses %o', (overrides, message) => {
    expect(() => readSettings(custom(overrides), ROOT)).toThrow(message);
  });
});

describe('deploy resources', () => {
  it('grants no VPC access and subscribes no address by default', async () => {
    const resources = await resourcesFor(
      custom({ rdsSubnetIds: '', rdsSecurityGroupIds: '', alarmEmail: '' }),
    );

    expect(
      iamStatements(resources)
        .flatMap((s) => s.Action)
        .filter((a) => a.startsWith('ec2:') || a.startsWith('kms:')),
    ).toEqual([]);
    expect(resources.Resources.AlarmEmailSubscription).toBeUndefined();
    expect(Object.keys(resources.extensions)).toEqual(['CsvCatalogStateMachine']);
  });

  it('puts both Lambdas that connect to MySQL, and only them, into the VPC that reaches RDS', async () => {
    // Prepare
    const settings = custom();

    // Act
    const resources = await resourcesFor(settings);

    // Assess
    const vpc = {
      Properties: {
        VpcConfig: {
          SubnetIds: ['subnet-0a1b2c3d', 'subnet-4e5f6a7b'],
          SecurityGroupIds: ['sg-0123456789abcdef0'],
        },
      },
    };
    expect(resources.extensions).toMatchObject({
      SyncRdsDdlLambdaFunction: vpc,
      LoadRowsLambdaFunction: vpc,
    });
    expect(Object.keys(resources.extensions).sort()).toEqual([
      'CsvCatalogStateMachine',
      'LoadRowsLambdaFunction',
      'SyncRdsDdlLambdaFunction',
    ]);
    const ec2Roles = iamStatements(resources)
      .filter((s) => s.Action.some((a) => a.startsWith('ec2:')))
      .map((s) => s.role);
    expect(ec2Roles.sort()).toEqual(['LoadRowsRole', 'SyncRdsDdlRole']);
  });

  it('creates a bucket that sends its events to EventBridge and aborts incomplete uploads', async () => {
    const resources = await resourcesFor(custom({ existingBucket: false }));

    const bucket = resources.Resources.S3BucketCsvcatalogtestdrop;
    expect(bucket).toMatchObject({
      Type: 'AWS::S3::Bucket',
      DeletionPolicy: 'Retain',
      Properties: {
        BucketName: BUCKET,
        PublicAccessBlockConfiguration: { BlockPublicPolicy: true },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
          ],
        },
        NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
        LifecycleConfiguration: {
          Rules: [
            {
              Status: 'Enabled',
              Prefix: '',
              AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
            },
          ],
        },
      },
    });
    expect(resources.Outputs?.BucketName?.Value).toBe(BUCKET);
  });

  it('encrypts a created bucket with kmsKeyArn, and lets exactly the readers and writers use it', async () => {
    const resources = await resourcesFor(custom({ existingBucket: false, kmsKeyArn: KMS_KEY }));

    expect(
      resources.Resources.S3BucketCsvcatalogtestdrop?.Properties.BucketEncryption
        .ServerSideEncryptionConfiguration,
    ).toEqual([
      {
        ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KMS_KEY },
        BucketKeyEnabled: true,
      },
    ]);
    const kms = iamStatements(resources).filter((s) => s.Action.some((a) => a.startsWith('kms:')));
    expect(
      Object.fromEntries(
        kms.map((s) => [
          s.role,
          {
            actions: s.Action,
            via: (
              s.Condition as { StringEquals: { 'kms:ViaService': { 'Fn::Sub': string }[] } }
            ).StringEquals['kms:ViaService'].map((v) => v['Fn::Sub'].split('.')[0]),
          },
        ]),
      ),
    ).toEqual(EXPECTED_KMS);
    for (const statement of kms) expect(statement.Resource).toEqual([KMS_KEY]);
  });

  it.each([
    ['the default pattern', 'empty.config.json', 'crawler/crawler_prod_*'],
    ['a pattern with the stage', 'stage-pattern.config.yml', 'crawler/csv_prod_*'],
    [
      "the crawlers a team already has (the seed's crawler_<table>)",
      'adopted-crawlers.config.yml',
      'crawler/crawler_*',
    ],
  ])('scopes the crawler grants to %s', async (_what, fixture, crawlers) => {
    const config = `test/deploy/fixtures/${fixture}`;
    const resources = await resourcesFor(custom({ stage: 'prod', config }));

    const named = iamStatements(resources)
      .filter((s) => s.Action.some((a) => /^glue:\w*Crawler$/.test(a)))
      .flatMap((s) => s.Resource.map(renderSub));
    expect(new Set(named)).toEqual(new Set([`arn:aws:glue:us-east-1:123456789012:${crawlers}`]));
  });

  it('refuses an ASL Task whose Lambda serverless.yml does not define', async () => {
    const settings = custom();
    await expect(
      buildResources({
        resolveConfigurationProperty: async ([section]) =>
          section === 'custom' ? settings : { fileUpload: {}, checkSnapshot: {} },
      }),
    ).rejects.toThrow(
      /invokes Lambdas serverless.yml does not define: \$\{EnsureCrawlerFunctionArn\}/,
    );
  });
});
