'use strict';
// One execution role per Lambda, each with only what its handler calls (the SDK commands
// in shared/aws/, shared/glue/sdk-glue-catalog.ts and shared/mysql/), on this bucket,
// this Glue database, this state machine and this secret.
const { s3, glue, getAtt, ref, regional } = require('./arns.cjs');

/**
 * The Lambdas, keyed by their serverless.yml function name: logical ids follow osls'
 * naming (<Name>LambdaFunction, <Name>LogGroup).
 */
function lambdaRoles(settings) {
  const { bucket, database } = settings;
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
        Resource: [glue.crawlers()],
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
    DecideCrawl: [{ Effect: 'Allow', Action: ['glue:GetTable'], Resource: catalogScope }],
    CoerceSchema: [
      listBucket,
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
    ],
    SyncRdsDdl: [
      {
        Effect: 'Allow',
        Action: ['secretsmanager:GetSecretValue'],
        Resource: [settings.rdsSecretArn],
      },
      ...(settings.rdsVpc ? vpcStatements(settings.rdsVpc) : []),
    ],
  };
}

/** Lambda creates and removes the ENIs of a function in a VPC with the function's role. */
function vpcStatements({ subnetIds, securityGroupIds }) {
  const ec2 = (resource) => regional('ec2', resource);
  return [
    {
      // Describe* actions have no resource-level permissions.
      Effect: 'Allow',
      Action: ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets'],
      Resource: ['*'],
    },
    {
      Effect: 'Allow',
      Action: ['ec2:CreateNetworkInterface'],
      Resource: [
        ec2('network-interface/*'),
        ...subnetIds.map((id) => ec2(`subnet/${id}`)),
        ...securityGroupIds.map((id) => ec2(`security-group/${id}`)),
      ],
    },
    {
      Effect: 'Allow',
      Action: [
        'ec2:DeleteNetworkInterface',
        'ec2:AssignPrivateIpAddresses',
        'ec2:UnassignPrivateIpAddresses',
      ],
      Resource: [ec2('network-interface/*')],
    },
  ];
}

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

module.exports = { lambdaRoleResources, lambdaRoles, assumedBy };
