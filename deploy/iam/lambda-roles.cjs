'use strict';
// One execution role per Lambda, each with only what its handler calls (the SDK commands
// in shared/aws/, shared/glue/sdk-glue-catalog.ts and shared/mysql/), on this bucket,
// this Glue database, this state machine and this secret.
const { s3, glue, getAtt, ref } = require('./arns.cjs');

/**
 * The Lambdas, keyed by their serverless.yml function name: logical ids follow osls'
 * naming (<Name>LambdaFunction, <Name>LogGroup).
 */
function lambdaRoles(settings) {
  const { bucket, database } = settings;
  const readFiled = {
    // HeadObject and (range) reads of filed objects, <table>/…: never the drop zone at the root.
    Effect: 'Allow',
    Action: ['s3:GetObject'],
    Resource: [s3.objects(bucket, '*/*')],
  };
  const listBucket = {
    // ListObjectsV2 of <table>/; also lets HeadObject answer 404 rather than 403 for a
    // missing key, which filing relies on.
    Effect: 'Allow',
    Action: ['s3:ListBucket'],
    Resource: [s3.bucket(bucket)],
  };
  const catalogScope = [glue.catalog(), glue.database(database), glue.tables(database)];
  return {
    FileUpload: [
      listBucket,
      {
        // Head, range reads, copy into <table>/, _raw/ and _archive/, delete the source;
        // tagging because CopyObject copies an upload's tags by default.
        Effect: 'Allow',
        Action: [
          's3:GetObject',
          's3:PutObject',
          's3:DeleteObject',
          's3:AbortMultipartUpload',
          's3:GetObjectTagging',
          's3:PutObjectTagging',
        ],
        Resource: [s3.objects(bucket)],
      },
      {
        Effect: 'Allow',
        Action: ['states:StartExecution'],
        Resource: [ref('CsvCatalogStateMachine')],
      },
      {
        // Lambda sends failed asynchronous invocations here with the role of the function.
        Effect: 'Allow',
        Action: ['sqs:SendMessage'],
        Resource: [getAtt('FileUploadDeadLetterQueue')],
      },
      ...kmsStatements(settings, { write: true }),
    ],
    CheckSnapshot: [listBucket],
    EnsureCrawler: [
      {
        Effect: 'Allow',
        Action: ['glue:GetDatabase', 'glue:CreateDatabase'],
        Resource: [glue.catalog(), glue.database(database)],
      },
      {
        Effect: 'Allow',
        Action: ['glue:GetCrawler', 'glue:CreateCrawler', 'glue:UpdateCrawler'],
        Resource: [glue.crawlers(settings.crawlerNamePattern)],
      },
      {
        // Classifiers have no ARN in Glue: these actions take no resource-level permissions.
        Effect: 'Allow',
        Action: ['glue:GetClassifier', 'glue:CreateClassifier', 'glue:UpdateClassifier'],
        Resource: ['*'],
      },
      {
        // CreateCrawler/UpdateCrawler pass the crawler role, to Glue only.
        Effect: 'Allow',
        Action: ['iam:PassRole'],
        Resource: [getAtt('CrawlerRole')],
        Condition: { StringEquals: { 'iam:PassedToService': 'glue.amazonaws.com' } },
      },
    ],
    DecideCrawl: [
      { Effect: 'Allow', Action: ['glue:GetTable'], Resource: catalogScope },
      // HeadObject of the filed file: a file archived meanwhile must answer 404, not 403.
      listBucket,
      readFiled,
      ...kmsStatements(settings),
    ],
    // After a failed crawl: lists <table>/ (sub-folders too) and reads each file's head.
    DescribeCrawlFailure: [listBucket, readFiled, ...kmsStatements(settings)],
    CoerceSchema: [
      listBucket,
      readFiled,
      {
        // Create/GetTables/Delete/BatchCreatePartition: adopting a table the crawler named
        // otherwise (shared/glue/adopt-crawled-table.ts).
        Effect: 'Allow',
        Action: [
          'glue:GetTable',
          'glue:GetTables',
          'glue:CreateTable',
          'glue:UpdateTable',
          'glue:DeleteTable',
          'glue:GetPartitions',
          'glue:BatchCreatePartition',
          'glue:BatchUpdatePartition',
        ],
        Resource: catalogScope,
      },
      ...kmsStatements(settings),
    ],
    SyncRdsDdl: [
      {
        Effect: 'Allow',
        Action: ['secretsmanager:GetSecretValue'],
        Resource: [settings.rdsSecretArn],
      },
      // The coerced table's columns (GetTable) and the filed file's head (sampled lengths).
      { Effect: 'Allow', Action: ['glue:GetTable'], Resource: catalogScope },
      listBucket,
      readFiled,
      ...kmsStatements(settings, { via: ['s3', 'secretsmanager'] }),
      ...(settings.rdsVpc ? [VPC_NETWORK_INTERFACES] : []),
    ],
    LoadRows: [
      {
        Effect: 'Allow',
        Action: ['secretsmanager:GetSecretValue'],
        Resource: [settings.rdsSecretArn],
      },
      // The coerced table's columns (GetTable): what a too-narrow column is widened to.
      { Effect: 'Allow', Action: ['glue:GetTable'], Resource: catalogScope },
      // HeadObject of the filed file must answer 404 when a newer snapshot archived it (the load
      // is then skipped), not 403: S3 says which only to a caller that may list the bucket
      // (https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html, "Permissions").
      listBucket,
      // Head, then (range) reads of the filed file, If-Match its ETag.
      readFiled,
      ...kmsStatements(settings, { via: ['s3', 'secretsmanager'] }),
      ...(settings.rdsVpc ? [VPC_NETWORK_INTERFACES] : []),
    ],
  };
}

/**
 * An SSE-KMS bucket or a KMS-encrypted secret (kmsKeyArn): reading takes kms:Decrypt, writing
 * (CopyObject, multipart uploads) kms:GenerateDataKey too, and only through the service that
 * holds the data (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html,
 * https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html).
 */
function kmsStatements(settings, { write = false, via = ['s3'] } = {}) {
  if (!settings.kmsKeyArn) return [];
  return [kmsStatement(settings.kmsKeyArn, { write, via })];
}

function kmsStatement(keyArn, { write = false, via = ['s3'] } = {}) {
  return {
    Effect: 'Allow',
    Action: write ? ['kms:Decrypt', 'kms:GenerateDataKey'] : ['kms:Decrypt'],
    Resource: [keyArn],
    Condition: {
      StringEquals: {
        'kms:ViaService': via.map((service) => ({
          'Fn::Sub': `${service}.\${AWS::Region}.amazonaws.com`,
        })),
      },
    },
  };
}

/**
 * Lambda creates, describes and deletes a VPC function's network interfaces with the
 * function's role, on `*`: the actions and the resource AWSLambdaVPCAccessExecutionRole grants.
 * Scoped to ARNs they can break the function's VPC access: DescribeNetworkInterfaces works only
 * on `*`, and DeleteNetworkInterface on an interface Lambda names at run time
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html,
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaVPCAccessExecutionRole.html).
 */
const VPC_NETWORK_INTERFACES = {
  Effect: 'Allow',
  Action: [
    'ec2:CreateNetworkInterface',
    'ec2:DescribeNetworkInterfaces',
    'ec2:DescribeSubnets',
    'ec2:DeleteNetworkInterface',
    'ec2:AssignPrivateIpAddresses',
    'ec2:UnassignPrivateIpAddresses',
  ],
  Resource: ['*'],
};

/** The AWS::IAM::Role resources, <Name>Role, each writing only to its own log group. */
function lambdaRoleResources(settings) {
  const resources = {};
  for (const [name, statements] of Object.entries(lambdaRoles(settings))) {
    resources[`${name}Role`] = {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: assumedBy('lambda.amazonaws.com'),
        Policies: [
          {
            PolicyName: `csv-catalog-${settings.stage}-${name}`,
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
                  Resource: [getAtt(`${name}LogGroup`)],
                },
                ...statements,
              ],
            },
          },
        ],
      },
    };
  }
  return resources;
}

function assumedBy(service) {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
  };
}

module.exports = { lambdaRoleResources, lambdaRoles, assumedBy, kmsStatement };
