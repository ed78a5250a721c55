import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import {
  DeleteBucketLifecycleCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketNotificationConfigurationCommand,
  type LambdaFunctionConfiguration,
  type LifecycleRule,
  type NotificationConfiguration,
  PutBucketLifecycleConfigurationCommand,
  PutBucketNotificationConfigurationCommand,
  type QueueConfiguration,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBucketSetupHandler } from '../../functions/bucket-setup/handler.js';
import type { CustomResourceRequest } from '../../shared/aws/cfn-custom-resource.js';
import { createLogger } from '../../shared/logging/logger.js';
import { lambdaContext } from '../support/lambda-context.js';
import { sdkCallsReachableFrom } from './sdk-calls.js';

/**
 * The bucket-setup custom resource's handler, answering CloudFormation through a real HTTP
 * server on loopback standing in for the pre-signed ResponseURL. S3 is a mocked client: no
 * local server here (s3rver included) implements the bucket notification and lifecycle
 * APIs. The mock keeps one bucket's two configurations and answers as S3 documents:
 * NoSuchLifecycleConfiguration when there is none, a put replaces the whole configuration,
 * an empty rule list is refused (MalformedXML).
 */
const BUCKET = 'school-dumps';
const RULE_ID = 'csv-catalog-prod-abort-incomplete-multipart-uploads';
const PROPERTIES = {
  ServiceToken: 'arn:aws:lambda:ap-northeast-2:123456789012:function:csv-catalog-prod-bucketSetup',
  BucketName: BUCKET,
  LifecycleRuleId: RULE_ID,
  // CloudFormation hands a custom resource its scalar properties as strings.
  AbortIncompleteMultipartUploadDays: '1',
};
const OUR_RULE: LifecycleRule = {
  ID: RULE_ID,
  Status: 'Enabled',
  Filter: { Prefix: '' },
  AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
};
const THEIR_LAMBDA: LambdaFunctionConfiguration = {
  Id: '썸네일',
  LambdaFunctionArn: 'arn:aws:lambda:ap-northeast-2:123456789012:function:thumbnails',
  Events: ['s3:ObjectCreated:*'],
  Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'images/' }] } },
};
const THEIR_QUEUE: QueueConfiguration = {
  Id: 'audit',
  QueueArn: 'arn:aws:sqs:ap-northeast-2:123456789012:audit',
  Events: ['s3:ObjectRemoved:*'],
};
const THEIR_RULE: LifecycleRule = {
  ID: '보관-90일',
  Status: 'Enabled',
  Filter: { Prefix: '_archive/' },
  Expiration: { Days: 90 },
};

const s3Error = (name: string, message: string) =>
  new S3ServiceException({ name, message, $fault: 'client', $metadata: { httpStatusCode: 400 } });

/** One bucket's notification and lifecycle configurations, behind a mocked S3Client. */
function mockBucket() {
  const client = new S3Client({ region: 'ap-northeast-2' });
  const mock = mockClient(client);
  const state: { notification: NotificationConfiguration; rules: LifecycleRule[] | undefined } = {
    notification: {},
    rules: undefined,
  };
  mock.on(GetBucketNotificationConfigurationCommand).callsFake(() => ({
    ...structuredClone(state.notification),
    $metadata: { httpStatusCode: 200 },
  }));
  mock.on(PutBucketNotificationConfigurationCommand).callsFake((input) => {
    state.notification = structuredClone(input.NotificationConfiguration);
    return {};
  });
  mock.on(GetBucketLifecycleConfigurationCommand).callsFake(() => {
    if (!state.rules) {
      throw s3Error('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist');
    }
    return { Rules: structuredClone(state.rules) };
  });
  mock.on(PutBucketLifecycleConfigurationCommand).callsFake((input) => {
    const rules = input.LifecycleConfiguration?.Rules ?? [];
    if (rules.length === 0)
      throw s3Error('MalformedXML', 'The XML you provided was not well-formed');
    state.rules = structuredClone(rules);
    return {};
  });
  mock.on(DeleteBucketLifecycleCommand).callsFake(() => {
    state.rules = undefined;
    return {};
  });
  return { client, mock, state };
}

interface ReceivedResponse {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
}

let server: Server;
let responseUrl: string;
let received: ReceivedResponse[];
let answerStatus = 200;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.statusCode = answerStatus;
      res.end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  // Shaped like CloudFormation's: a pre-signed S3 URL with its query string.
  responseUrl = `http://127.0.0.1:${port}/cloudformation-custom-resource-response-apnortheast2/arn%3Aaws%3Acloudformation%3Aap-northeast-2%3A123456789012%3Astack/csv-catalog-prod/1/DropBucketSetup?X-Amz-Signature=abc&X-Amz-Expires=7200`;
});
afterAll(async () => {
  server.close();
  await once(server, 'close');
});
beforeEach(() => {
  received = [];
  answerStatus = 200;
});

function request(
  type: CustomResourceRequest['RequestType'],
  overrides: Partial<CustomResourceRequest> = {},
): CustomResourceRequest {
  return {
    RequestType: type,
    ResponseURL: responseUrl,
    StackId: 'arn:aws:cloudformation:ap-northeast-2:123456789012:stack/csv-catalog-prod/1',
    RequestId: `request-${type}`,
    LogicalResourceId: 'DropBucketSetup',
    ResourceType: 'Custom::CsvCatalogBucketSetup',
    ResourceProperties: PROPERTIES,
    ...(type === 'Create' ? {} : { PhysicalResourceId: `${BUCKET}/${RULE_ID}` }),
    ...overrides,
  };
}

function handlerOn(client: S3Client) {
  return createBucketSetupHandler(async () => ({
    s3: client,
    logger: createLogger({ logLevel: 'SILENT' }),
  }));
}

/** The one response CloudFormation received, parsed. */
function answered() {
  expect(received).toHaveLength(1);
  const [response] = received as [ReceivedResponse];
  return { ...response, json: JSON.parse(response.body) as Record<string, unknown> };
}

const context = (remainingMs = 60_000): Context => ({
  ...lambdaContext,
  getRemainingTimeInMillis: () => remainingMs,
});

describe('Create and Update', () => {
  it('turns EventBridge on and adds the rule, keeping the bucket’s other notifications and rules, and answers SUCCESS', async () => {
    // Prepare
    const bucket = mockBucket();
    bucket.state.notification = {
      LambdaFunctionConfigurations: [THEIR_LAMBDA],
      QueueConfigurations: [THEIR_QUEUE],
    };
    bucket.state.rules = [THEIR_RULE];

    // Act
    await handlerOn(bucket.client)(request('Create'), context());

    // Assess
    expect(bucket.state.notification).toEqual({
      LambdaFunctionConfigurations: [THEIR_LAMBDA],
      QueueConfigurations: [THEIR_QUEUE],
      EventBridgeConfiguration: {},
    });
    expect(bucket.state.rules).toEqual([THEIR_RULE, OUR_RULE]);
    const put = bucket.mock.commandCalls(PutBucketNotificationConfigurationCommand);
    expect(put[0]?.args[0].input).toMatchObject({
      Bucket: BUCKET,
      SkipDestinationValidation: true,
    });
    const response = answered();
    expect(response.method).toBe('PUT');
    expect(response.url).toContain('?X-Amz-Signature=abc&X-Amz-Expires=7200');
    // The pre-signed URL is signed without a content type: S3 refuses a PUT that sends one.
    expect(response.headers['content-type'] ?? '').toBe('');
    expect(response.json).toEqual({
      Status: 'SUCCESS',
      PhysicalResourceId: `${BUCKET}/${RULE_ID}`,
      StackId: 'arn:aws:cloudformation:ap-northeast-2:123456789012:stack/csv-catalog-prod/1',
      RequestId: 'request-Create',
      LogicalResourceId: 'DropBucketSetup',
    });
  });

  it('adds the rule to a bucket without lifecycle configuration (NoSuchLifecycleConfiguration)', async () => {
    // Prepare
    const bucket = mockBucket();

    // Act
    await handlerOn(bucket.client)(request('Create'), context());

    // Assess
    expect(bucket.state.rules).toEqual([OUR_RULE]);
    expect(bucket.state.notification).toEqual({ EventBridgeConfiguration: {} });
    expect(answered().json.Status).toBe('SUCCESS');
  });

  it('writes nothing on an Update that finds everything in place, and answers SUCCESS with the same id', async () => {
    // Prepare
    const bucket = mockBucket();
    bucket.state.notification = {
      QueueConfigurations: [THEIR_QUEUE],
      EventBridgeConfiguration: {},
    };
    bucket.state.rules = [OUR_RULE, THEIR_RULE];

    // Act
    await handlerOn(bucket.client)(
      request('Update', { OldResourceProperties: PROPERTIES }),
      context(),
    );

    // Assess
    expect(bucket.mock.commandCalls(PutBucketNotificationConfigurationCommand)).toHaveLength(0);
    expect(bucket.mock.commandCalls(PutBucketLifecycleConfigurationCommand)).toHaveLength(0);
    expect(bucket.state.rules).toEqual([OUR_RULE, THEIR_RULE]);
    expect(answered().json).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: `${BUCKET}/${RULE_ID}`,
    });
  });

  it('answers a new physical id when the rule ID changes, so CloudFormation deletes the old one', async () => {
    // Prepare
    const bucket = mockBucket();

    // Act
    await handlerOn(bucket.client)(
      request('Update', {
        ResourceProperties: { ...PROPERTIES, LifecycleRuleId: 'csv-catalog-prod-abort' },
        OldResourceProperties: PROPERTIES,
      }),
      context(),
    );

    // Assess
    expect(answered().json.PhysicalResourceId).toBe(`${BUCKET}/csv-catalog-prod-abort`);
  });
});

describe('Delete', () => {
  it('removes only its own rule and leaves EventBridge on', async () => {
    // Prepare
    const bucket = mockBucket();
    bucket.state.notification = {
      LambdaFunctionConfigurations: [THEIR_LAMBDA],
      EventBridgeConfiguration: {},
    };
    bucket.state.rules = [THEIR_RULE, OUR_RULE];

    // Act
    await handlerOn(bucket.client)(request('Delete'), context());

    // Assess
    expect(bucket.state.rules).toEqual([THEIR_RULE]);
    expect(bucket.state.notification.EventBridgeConfiguration).toEqual({});
    expect(bucket.mock.commandCalls(PutBucketNotificationConfigurationCommand)).toHaveLength(0);
    expect(answered().json).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: `${BUCKET}/${RULE_ID}`,
      RequestId: 'request-Delete',
    });
  });

  it('deletes the lifecycle configuration when its rule was the only one (S3 refuses an empty one)', async () => {
    // Prepare
    const bucket = mockBucket();
    bucket.state.rules = [OUR_RULE];

    // Act
    await handlerOn(bucket.client)(request('Delete'), context());

    // Assess
    expect(bucket.state.rules).toBeUndefined();
    expect(bucket.mock.commandCalls(DeleteBucketLifecycleCommand)).toHaveLength(1);
    expect(answered().json.Status).toBe('SUCCESS');
  });

  it('touches nothing after a Create that failed (rollback), and answers SUCCESS', async () => {
    // Prepare: the Create was refused, and answered with the id it then gives
    const bucket = mockBucket();
    bucket.mock
      .on(PutBucketNotificationConfigurationCommand)
      .rejects(s3Error('AccessDenied', 'Access Denied'));
    await handlerOn(bucket.client)(request('Create'), context());
    const failed = answered().json;
    received = [];
    bucket.state.rules = [OUR_RULE];

    // Act
    await handlerOn(bucket.client)(
      request('Delete', { PhysicalResourceId: String(failed.PhysicalResourceId) }),
      context(),
    );

    // Assess: a rule of that ID put by someone else stays
    expect(failed.PhysicalResourceId).toBe('DropBucketSetup-not-created');
    expect(bucket.state.rules).toEqual([OUR_RULE]);
    expect(answered().json).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'DropBucketSetup-not-created',
    });
  });

  it('answers SUCCESS when the bucket is gone (its rules went with it)', async () => {
    // Prepare
    const bucket = mockBucket();
    bucket.mock
      .on(GetBucketLifecycleConfigurationCommand)
      .rejects(s3Error('NoSuchBucket', 'The specified bucket does not exist'));

    // Act
    await handlerOn(bucket.client)(request('Delete'), context());

    // Assess
    expect(answered().json.Status).toBe('SUCCESS');
  });
});

describe('failures are answered too, so the stack never waits for an hour', () => {
  it('answers FAILED with the bucket, S3’s error and what to check when S3 refuses', async () => {
    // Prepare
    const bucket = mockBucket();
    bucket.mock
      .on(PutBucketLifecycleConfigurationCommand)
      .rejects(
        s3Error('AccessDenied', 'User is not authorized to perform s3:PutLifecycleConfiguration'),
      );

    // Act
    await handlerOn(bucket.client)(request('Update'), context());

    // Assess
    const { json } = answered();
    expect(json).toMatchObject({
      Status: 'FAILED',
      // A failed Update keeps its id: CloudFormation rolls back, it does not replace.
      PhysicalResourceId: `${BUCKET}/${RULE_ID}`,
      StackId: 'arn:aws:cloudformation:ap-northeast-2:123456789012:stack/csv-catalog-prod/1',
      RequestId: 'request-Update',
      LogicalResourceId: 'DropBucketSetup',
    });
    expect(json.Reason).toMatch(
      /^bucket school-dumps: AccessDenied: User is not authorized .*BucketSetupRole/,
    );
  });

  it('answers FAILED for properties it cannot read, naming the property', async () => {
    // Prepare
    const bucket = mockBucket();

    // Act
    await handlerOn(bucket.client)(
      request('Create', {
        ResourceProperties: { ...PROPERTIES, AbortIncompleteMultipartUploadDays: 'a day' },
      }),
      context(),
    );

    // Assess
    expect(answered().json).toMatchObject({
      Status: 'FAILED',
      Reason: expect.stringContaining('AbortIncompleteMultipartUploadDays'),
    });
    expect(bucket.mock.calls()).toHaveLength(0);
  });

  it('answers FAILED before the Lambda times out when S3 does not answer', async () => {
    // Prepare: 5.2 s left, 5 s of them kept for the answer
    const bucket = mockBucket();
    bucket.mock
      .on(GetBucketNotificationConfigurationCommand)
      .callsFake(() => new Promise(() => {}));

    // Act
    await handlerOn(bucket.client)(request('Create'), context(5_200));

    // Assess
    expect(answered().json).toMatchObject({
      Status: 'FAILED',
      Reason: expect.stringContaining('did not finish within'),
    });
  });

  it('keeps the answer within CloudFormation’s 4,096 bytes when the reason is long', async () => {
    // Prepare
    const bucket = mockBucket();
    bucket.mock
      .on(GetBucketNotificationConfigurationCommand)
      .rejects(s3Error('InternalError', '버킷 설정 실패 "따옴표"\n'.repeat(400)));

    // Act
    await handlerOn(bucket.client)(request('Create'), context());

    // Assess
    const response = answered();
    expect(Buffer.byteLength(response.body)).toBeLessThanOrEqual(4096);
    expect(Buffer.byteLength(response.body)).toBeGreaterThan(4000);
    expect(response.json.Status).toBe('FAILED');
    expect(String(response.json.Reason)).toMatch(
      /^bucket school-dumps: InternalError: 버킷 설정 실패.* …$/s,
    );
  });

  it('fails without answering only when the event cannot be answered (no ResponseURL)', async () => {
    // Prepare
    const bucket = mockBucket();
    const { ResponseURL: _dropped, ...unanswerable } = request('Create');

    // Act
    const run = handlerOn(bucket.client)(unanswerable as CustomResourceRequest, context());

    // Assess
    await expect(run).rejects.toMatchObject({ name: 'InvalidEvent' });
    expect(received).toHaveLength(0);
    expect(bucket.mock.calls()).toHaveLength(0);
  });

  it('fails the invocation when the response URL refuses the answer, so the log shows it', async () => {
    // Prepare
    const bucket = mockBucket();
    answerStatus = 403;

    // Act
    const run = handlerOn(bucket.client)(request('Create'), context());

    // Assess
    await expect(run).rejects.toThrow(/response URL answered 403/);
    expect(received).toHaveLength(1);
  });
});

describe('its role', () => {
  /**
   * The IAM action of each S3 call (the S3 API reference's "Permissions" of each): the
   * lifecycle delete is allowed by s3:PutLifecycleConfiguration, there is no separate one.
   */
  const ACTION_OF_CALL: Record<string, string> = {
    GetBucketNotificationConfiguration: 's3:GetBucketNotification',
    PutBucketNotificationConfiguration: 's3:PutBucketNotification',
    GetBucketLifecycleConfiguration: 's3:GetLifecycleConfiguration',
    PutBucketLifecycleConfiguration: 's3:PutLifecycleConfiguration',
    DeleteBucketLifecycle: 's3:PutLifecycleConfiguration',
  };

  it('allows exactly the S3 calls the handler can make, on the bucket only', () => {
    // Prepare
    const require = createRequire(import.meta.url);
    const { bucketSetupResources } = require('../../deploy/bucket-setup.cjs') as {
      bucketSetupResources: (settings: {
        stage: string;
        bucket: string;
      }) => Record<
        string,
        { Properties: { Policies?: { PolicyDocument: { Statement: IamStatementJson[] } }[] } }
      >;
    };

    // Act
    const calls = [...sdkCallsReachableFrom(['functions/bucket-setup/handler.ts']).keys()];
    const role = bucketSetupResources({ stage: 'prod', bucket: BUCKET }).BucketSetupRole;
    const s3Statements = (role?.Properties.Policies ?? [])
      .flatMap((p) => p.PolicyDocument.Statement)
      .filter((s) => s.Action.some((a) => a.startsWith('s3:')));

    // Assess
    expect(calls.sort()).toEqual(Object.keys(ACTION_OF_CALL).sort());
    expect(s3Statements).toEqual([
      {
        Effect: 'Allow',
        Action: [...new Set(Object.values(ACTION_OF_CALL))],
        Resource: [{ 'Fn::Sub': `arn:\${AWS::Partition}:s3:::${BUCKET}` }],
      },
    ]);
  });
});

interface IamStatementJson {
  Effect: string;
  Action: string[];
  Resource: unknown[];
}
