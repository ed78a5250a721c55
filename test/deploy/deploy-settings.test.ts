import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../shared/config/load-config.js';
import type { CfnTemplate } from './cfn-template.js';
import { iamStatements } from './cfn-template.js';
import { BUCKET, PACKAGE_PARAMS } from './deploy-fixture.js';

const ROOT = resolve(import.meta.dirname, '../..');
const load = createRequire(import.meta.url);

interface DeploySettings {
  bucket: string;
  database: string;
  existingBucket: boolean;
  rdsVpc?: { subnetIds: string[]; securityGroupIds: string[] };
}
const { readSettings, DEFAULT_GLUE_DATABASE } = load('../../deploy/settings.cjs') as {
  readSettings: (raw: Record<string, unknown>, serviceDir: string) => DeploySettings;
  DEFAULT_GLUE_DATABASE: string;
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
  'coerceSchema',
  'syncRdsDdl',
];
const resourcesFor = (settings: Record<string, unknown>) =>
  buildResources({
    resolveConfigurationProperty: async ([section]) =>
      section === 'custom' ? settings : Object.fromEntries(FUNCTION_KEYS.map((key) => [key, {}])),
  });

describe('deploy settings', () => {
  it('takes the Glue database from the bundled config, with the same default as the Lambdas', () => {
    expect(readSettings(custom(), ROOT).database).toBe('schoolfriends');
    const withoutDatabase = readSettings(
      custom({ config: 'test/deploy/fixtures/empty.config.json' }),
      ROOT,
    );
    expect(withoutDatabase.database).toBe(DEFAULT_GLUE_DATABASE);
    expect(DEFAULT_GLUE_DATABASE).toBe(defaultConfig().glue.database);
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
      { logRetentionDays: '10' },
      'deploy parameter logRetentionDays: must be one of 1, 3, 5, 7, 14',
    ],
  ])('refuses %o', (overrides, message) => {
    expect(() => readSettings(custom(overrides), ROOT)).toThrow(message);
  });
});

describe('deploy resources', () => {
  it('grants no VPC access and subscribes no address by default; keeps a bucket it creates', async () => {
    const resources = await resourcesFor(
      custom({ rdsSubnetIds: '', rdsSecurityGroupIds: '', alarmEmail: '', existingBucket: false }),
    );

    expect(
      iamStatements(resources)
        .flatMap((s) => s.Action)
        .filter((a) => a.startsWith('ec2:')),
    ).toEqual([]);
    expect(resources.Resources.AlarmEmailSubscription).toBeUndefined();
    expect(Object.keys(resources.extensions)).toEqual([
      'CsvCatalogStateMachine',
      'S3BucketCsvcatalogtestdrop',
    ]);
    expect(resources.extensions.S3BucketCsvcatalogtestdrop).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: { PublicAccessBlockConfiguration: { BlockPublicPolicy: true } },
    });
    expect(resources.Outputs?.BucketName?.Value).toBe(BUCKET);
  });

  it('narrows the existing-bucket handler of osls to this bucket and file-upload', async () => {
    const resources = await resourcesFor(custom());

    expect(resources.extensions.IamRoleCustomResourcesLambdaExecution).toMatchObject({
      Properties: {
        Policies: [
          {
            PolicyDocument: {
              Statement: [
                { Resource: [{ 'Fn::Sub': `arn:\${AWS::Partition}:s3:::${BUCKET}` }] },
                { Resource: [{ 'Fn::GetAtt': ['FileUploadLambdaFunction', 'Arn'] }] },
              ],
            },
          },
        ],
      },
    });
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
