'use strict';
// The drop bucket: osls creates it (existingBucket=false) or wires an existing one through its
// Custom::S3 resource; either way these extensions tighten what osls generates.
const { getAtt, s3 } = require('./iam/arns.cjs');

/**
 * osls wires an existing bucket's notifications through its own custom-resource Lambda,
 * whose role may add permissions to any function of the account; narrow that to file-upload.
 */
function existingBucketHandlerPolicy(settings) {
  return {
    IamRoleCustomResourcesLambdaExecution: {
      Properties: {
        Policies: [
          {
            PolicyName: `csv-catalog-${settings.stage}-bucket-notifications`,
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Action: ['s3:PutBucketNotification', 's3:GetBucketNotification'],
                  Resource: [s3.bucket(settings.bucket)],
                },
                {
                  Effect: 'Allow',
                  Action: ['lambda:AddPermission', 'lambda:RemovePermission'],
                  Resource: [getAtt('FileUploadLambdaFunction')],
                },
              ],
            },
          },
        ],
      },
    },
  };
}

/** A bucket the stack creates holds the data: private, encrypted, kept when the stack goes. */
function createdBucket(settings) {
  // osls' logical id for an s3 event's bucket: S3Bucket + the name's letters and digits.
  const alphanumeric = settings.bucket.replace(/[^0-9A-Za-z]/g, '');
  return {
    [`S3Bucket${alphanumeric.charAt(0).toUpperCase()}${alphanumeric.slice(1)}`]: {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
          ],
        },
      },
    },
  };
}

module.exports = { createdBucket, existingBucketHandlerPolicy };
