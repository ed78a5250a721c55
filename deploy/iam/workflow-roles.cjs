'use strict';
// The state machine's role and the role Glue crawlers run under.
const { s3, glue, getAtt } = require('./arns.cjs');
const { assumedBy, kmsStatement } = require('./lambda-roles.cjs');

/**
 * Only the Lambdas its ASL invokes (logical ids from its ${<Name>FunctionArn} placeholders)
 * and the two Glue integrations it calls directly (aws-sdk:glue:startCrawler, getCrawler);
 * serverless-step-functions grants nothing for aws-sdk:glue:* tasks.
 */
function stateMachineRole(settings, invokedFunctionIds) {
  return {
    StateMachineRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: assumedBy('states.amazonaws.com'),
        Policies: [
          {
            PolicyName: `csv-catalog-${settings.stage}-state-machine`,
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Action: ['lambda:InvokeFunction'],
                  Resource: invokedFunctionIds.map((id) => getAtt(id)),
                },
                {
                  Effect: 'Allow',
                  Action: ['glue:StartCrawler', 'glue:GetCrawler'],
                  Resource: [glue.crawlers(settings.crawlerNamePattern)],
                },
                {
                  // Log delivery to CloudWatch Logs: these CloudWatch Logs actions take no
                  // resource-level permissions (Step Functions' logging IAM policy).
                  Effect: 'Allow',
                  Action: [
                    'logs:CreateLogDelivery',
                    'logs:GetLogDelivery',
                    'logs:UpdateLogDelivery',
                    'logs:DeleteLogDelivery',
                    'logs:ListLogDeliveries',
                    'logs:PutResourcePolicy',
                    'logs:DescribeResourcePolicies',
                    'logs:DescribeLogGroups',
                  ],
                  Resource: ['*'],
                },
              ],
            },
          },
        ],
      },
    },
  };
}

/**
 * The catalog writes a crawler makes (tables, partitions; a database it would create). Denied
 * outside this stage's database: AWSGlueServiceRole, which AWS documents for crawlers
 * (https://docs.aws.amazon.com/glue/latest/dg/crawler-prereqs.html), allows them on every
 * database of the account, so without this a dev crawler could write prod's tables.
 */
const CATALOG_WRITES = [
  'glue:CreateDatabase',
  'glue:UpdateDatabase',
  'glue:DeleteDatabase',
  'glue:CreateTable',
  'glue:UpdateTable',
  'glue:DeleteTable',
  'glue:BatchDeleteTable',
  'glue:CreatePartition',
  'glue:BatchCreatePartition',
  'glue:UpdatePartition',
  'glue:BatchUpdatePartition',
  'glue:DeletePartition',
  'glue:BatchDeletePartition',
];

/**
 * Crawlers read the table prefixes (objects below a `/`; never the drop zone at the root,
 * never _raw/ or _archive/) and write the catalog through AWSGlueServiceRole, in this stage's
 * database only.
 */
function crawlerRole(settings) {
  const { bucket, database } = settings;
  return {
    CrawlerRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: assumedBy('glue.amazonaws.com'),
        ManagedPolicyArns: [
          { 'Fn::Sub': `arn:\${AWS::Partition}:iam::aws:policy/service-role/AWSGlueServiceRole` },
        ],
        Policies: [
          {
            PolicyName: `csv-catalog-${settings.stage}-crawler`,
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [s3.bucket(bucket)] },
                {
                  Effect: 'Allow',
                  Action: ['s3:GetObject'],
                  Resource: [s3.objects(bucket, '*/*')],
                },
                {
                  // Crawlers exclude them anyway; original bytes and superseded files stay unread.
                  Effect: 'Deny',
                  Action: ['s3:GetObject'],
                  Resource: [s3.objects(bucket, '_raw/*'), s3.objects(bucket, '_archive/*')],
                },
                {
                  Effect: 'Deny',
                  Action: CATALOG_WRITES,
                  NotResource: [glue.catalog(), glue.database(database), glue.tables(database)],
                },
                ...(settings.kmsKeyArn ? [kmsStatement(settings.kmsKeyArn)] : []),
              ],
            },
          },
        ],
      },
    },
  };
}

module.exports = { stateMachineRole, crawlerRole, CATALOG_WRITES };
