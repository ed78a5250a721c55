'use strict';
// An existing drop bucket (existingBucket=true, the default): osls' Custom::S3 can neither
// turn on its EventBridge notifications nor add a lifecycle rule, so the stack's own custom
// resource does (functions/bucket-setup, shared/aws/bucket-setup.ts), merging into what the
// bucket has. A bucket the stack creates has both in its template (bucket.cjs), and none of this.
const { s3, getAtt } = require('./iam/arns.cjs');
const { assumedBy } = require('./iam/lambda-roles.cjs');
const { ABORT_INCOMPLETE_UPLOADS_RULE } = require('./bucket.cjs');

/** The custom resource's logical id. */
const BUCKET_SETUP_RESOURCE = 'DropBucketSetup';

/**
 * csv-catalog's lifecycle rule on a bucket it did not create: named after the stage, so the
 * Delete of one stage's stack never removes the rule another stage relies on.
 */
const lifecycleRuleIdOf = (stage) => `csv-catalog-${stage}-abort-incomplete-multipart-uploads`;

/**
 * serverless.yml `functions.bucketSetup`: the function for an existing bucket, null (osls
 * then drops the entry) for a bucket the stack creates.
 */
async function bucketSetupFunction({ resolveConfigurationProperty }) {
  const existingBucket = await resolveConfigurationProperty([
    'custom',
    'csvCatalog',
    'existingBucket',
  ]);
  if (existingBucket === false) return null;
  return {
    handler: 'functions/bucket-setup/handler.handler',
    description:
      'Custom resource: EventBridge notifications and the abort-uploads rule on the drop bucket.',
    role: 'BucketSetupRole',
    memorySize: 256,
    // Four S3 calls; the handler answers CloudFormation before this runs out.
    timeout: 60,
  };
}

/** The role and the custom resource, for an existing bucket only (resources.cjs). */
function bucketSetupResources(settings) {
  return {
    BucketSetupRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: assumedBy('lambda.amazonaws.com'),
        Policies: [
          {
            PolicyName: `csv-catalog-${settings.stage}-BucketSetup`,
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
                  Resource: [getAtt('BucketSetupLogGroup')],
                },
                {
                  // Get/PutBucketNotificationConfiguration, Get/PutBucketLifecycleConfiguration
                  // and DeleteBucketLifecycle (its permission is s3:PutLifecycleConfiguration),
                  // on this bucket only.
                  Effect: 'Allow',
                  Action: [
                    's3:GetBucketNotification',
                    's3:PutBucketNotification',
                    's3:GetLifecycleConfiguration',
                    's3:PutLifecycleConfiguration',
                  ],
                  Resource: [s3.bucket(settings.bucket)],
                },
              ],
            },
          },
        ],
      },
    },
    [BUCKET_SETUP_RESOURCE]: {
      Type: 'Custom::CsvCatalogBucketSetup',
      Properties: {
        ServiceToken: getAtt('BucketSetupLambdaFunction'),
        BucketName: settings.bucket,
        LifecycleRuleId: lifecycleRuleIdOf(settings.stage),
        AbortIncompleteMultipartUploadDays:
          ABORT_INCOMPLETE_UPLOADS_RULE.AbortIncompleteMultipartUpload.DaysAfterInitiation,
      },
    },
  };
}

module.exports = {
  bucketSetupFunction,
  bucketSetupResources,
  lifecycleRuleIdOf,
  BUCKET_SETUP_RESOURCE,
};
