'use strict';
// The drop bucket and how its drops reach file-upload: S3 sends every event of the bucket to
// EventBridge, and a rule there picks the created `.csv` objects in any casing.
const { getAtt, ref, regional } = require('./iam/arns.cjs');

/**
 * An upload that never completes (file-upload stopped at its timeout mid-copy, a dropped
 * `aws s3 cp`) keeps its parts, billed and invisible, until it is aborted. A day is far longer
 * than any upload here takes (file-upload runs at most 15 minutes).
 */
const ABORT_INCOMPLETE_UPLOADS_AFTER_DAYS = 1;

const ABORT_INCOMPLETE_UPLOADS_RULE = {
  Id: 'csv-catalog-abort-incomplete-multipart-uploads',
  Status: 'Enabled',
  Prefix: '',
  AbortIncompleteMultipartUpload: { DaysAfterInitiation: ABORT_INCOMPLETE_UPLOADS_AFTER_DAYS },
};

/**
 * The logical id osls gave the bucket when an s3 event created it (S3Bucket + the name's
 * letters and digits): kept, so a stack that created its bucket before the trigger moved to
 * EventBridge updates that bucket in place rather than trying to create a second one.
 */
function createdBucketLogicalId(bucket) {
  const alphanumeric = bucket.replace(/[^0-9A-Za-z]/g, '');
  return `S3Bucket${alphanumeric.charAt(0).toUpperCase()}${alphanumeric.slice(1)}`;
}

/**
 * A bucket the stack creates (existingBucket=false) holds the data: private, encrypted (with
 * kmsKeyArn when given), kept when the stack goes, its events sent to EventBridge, incomplete
 * multipart uploads aborted.
 */
function createdBucket(settings) {
  return {
    [createdBucketLogicalId(settings.bucket)]: {
      Type: 'AWS::S3::Bucket',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BucketName: settings.bucket,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            settings.kmsKeyArn
              ? {
                  ServerSideEncryptionByDefault: {
                    SSEAlgorithm: 'aws:kms',
                    KMSMasterKeyID: settings.kmsKeyArn,
                  },
                  // Fewer KMS requests (and their cost) for the copies filing makes.
                  BucketKeyEnabled: true,
                }
              : { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
          ],
        },
        NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
        LifecycleConfiguration: { Rules: [ABORT_INCOMPLETE_UPLOADS_RULE] },
      },
    },
  };
}

/**
 * EventBridge sends an event it could not deliver to file-upload (throttled past its retry
 * policy, permission missing) to the same dead-letter queue as Lambda's failed invocations;
 * the queue lets only the drop rule of this stack write.
 */
function deadLetterQueuePolicy(ruleName) {
  return {
    FileUploadDeadLetterQueuePolicy: {
      Type: 'AWS::SQS::QueuePolicy',
      Properties: {
        Queues: [ref('FileUploadDeadLetterQueue')],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'events.amazonaws.com' },
              Action: 'sqs:SendMessage',
              Resource: getAtt('FileUploadDeadLetterQueue'),
              Condition: { ArnEquals: { 'aws:SourceArn': regional('events', `rule/${ruleName}`) } },
            },
          ],
        },
      },
    },
  };
}

module.exports = {
  createdBucket,
  createdBucketLogicalId,
  deadLetterQueuePolicy,
  ABORT_INCOMPLETE_UPLOADS_RULE,
};
