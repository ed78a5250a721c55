import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CfnTemplate,
  iamStatements,
  renderSub,
  resource,
  resourcesOfType,
} from './cfn-template.js';
import { BUCKET, PACKAGE_PARAMS } from './deploy-fixture.js';
import { type PackagedService, packageService } from './package-service.js';

const KMS_KEY = 'arn:aws:kms:ap-northeast-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/**
 * The other way to deploy: the stack creates the bucket, it is SSE-KMS, and the team adopts
 * the crawlers it already has (crawler_<table> in schoolfriends), stage prod.
 */
let service: PackagedService;
let template: CfnTemplate;

beforeAll(async () => {
  service = await packageService(
    {
      ...PACKAGE_PARAMS,
      existingBucket: 'false',
      kmsKeyArn: KMS_KEY,
      config: 'test/deploy/fixtures/adopted-crawlers.config.yml',
    },
    'prod',
  );
  template = service.template;
  // Bundles every Lambda with esbuild: minutes on a busy two-core machine.
}, 600_000);

afterAll(async () => {
  await service?.remove();
});

describe('a bucket the stack creates', () => {
  it('sends its events to EventBridge, aborts incomplete uploads and is encrypted with the key', () => {
    const [[id, bucket] = []] = resourcesOfType(template, 'AWS::S3::Bucket').filter(
      ([logicalId]) => logicalId !== 'ServerlessDeploymentBucket',
    );
    expect(id).toBe('S3BucketCsvcatalogtestdrop');
    expect(bucket?.Properties).toMatchObject({
      BucketName: BUCKET,
      NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
      LifecycleConfiguration: {
        Rules: [{ Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }],
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KMS_KEY } },
        ],
      },
    });
    // No S3 notification: the EventBridge rule is the only trigger.
    expect(resourcesOfType(template, 'Custom::S3')).toEqual([]);
    // Its template sets both: no bucket-setup custom resource, function or role.
    expect(resourcesOfType(template, 'Custom::CsvCatalogBucketSetup')).toEqual([]);
    expect(template.Resources.BucketSetupLambdaFunction).toBeUndefined();
    expect(template.Resources.BucketSetupRole).toBeUndefined();
    expect(
      iamStatements(template)
        .flatMap((s) => s.Action)
        .filter((a) => /Notification|Lifecycle/.test(a)),
    ).toEqual([]);
    const [[, rule] = []] = resourcesOfType(template, 'AWS::Events::Rule');
    expect(rule?.Properties.Name).toBe('csv-catalog-prod-csv-dropped');
    expect(rule?.Properties.EventPattern.detail.bucket.name).toEqual([BUCKET]);
  });

  it('lets file-upload, the readers of filed files and the crawlers use the key, through S3 only', () => {
    const kms = iamStatements(template).filter((s) => s.Action.some((a) => a.startsWith('kms:')));
    expect(kms.map((s) => s.role).sort()).toEqual([
      'CoerceSchemaRole',
      'CrawlerRole',
      'DecideCrawlRole',
      'DescribeCrawlFailureRole',
      'FileUploadRole',
      'LoadRowsRole',
      'SyncRdsDdlRole',
    ]);
    for (const statement of kms) expect(statement.Resource).toEqual([KMS_KEY]);
    const fileUpload = kms.find((s) => s.role === 'FileUploadRole');
    expect(fileUpload?.Action).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
  });
});

describe('a team adopting its crawlers in stage prod', () => {
  it('names the crawlers crawler_* and the database schoolfriends in every grant', () => {
    const crawlerArns = iamStatements(template)
      .filter((s) => s.Action.some((a) => /^glue:\w*Crawler$/.test(a)))
      .flatMap((s) => s.Resource.map(renderSub));
    expect(new Set(crawlerArns)).toEqual(
      new Set(['arn:aws:glue:us-east-1:123456789012:crawler/crawler_*']),
    );
    const databases = iamStatements(template)
      .flatMap((s) => [...s.Resource, ...(s.NotResource ?? [])].map(renderSub))
      .filter(
        (arn) => typeof arn === 'string' && arn.includes(':glue:') && arn.includes(':database/'),
      );
    expect(new Set(databases)).toEqual(
      new Set(['arn:aws:glue:us-east-1:123456789012:database/schoolfriends']),
    );
  });

  it('tells the Lambdas their stage', () => {
    const env = resource(template, 'EnsureCrawlerLambdaFunction').Properties.Environment.Variables;
    expect(env.STAGE).toBe('prod');
  });
});
