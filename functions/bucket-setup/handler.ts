import type { S3Client } from '@aws-sdk/client-s3';
import { answerBucketSetupRequest } from '../../shared/aws/bucket-setup-resource.js';
import { customResourceRequestSchema, sendResponse } from '../../shared/aws/cfn-custom-resource.js';
import { createS3Client } from '../../shared/aws/s3-client.js';
import { createLogger, type Logger } from '../../shared/logging/logger.js';
import { createHandler } from '../../shared/middleware/create-handler.js';

/**
 * The custom resource of deploy/bucket-setup.cjs, for a drop bucket the stack did not create:
 * turns on its EventBridge notifications and adds csv-catalog's lifecycle rule on Create and
 * Update, removes the rule on Delete (EventBridge stays on), and answers CloudFormation
 * through the request's pre-signed URL every time, success or failure.
 */
export interface BucketSetupDependencies {
  s3: S3Client;
  logger: Logger;
}

/** Time kept back from the Lambda's timeout to answer CloudFormation after a late failure. */
const ANSWER_MARGIN_MS = 5_000;

export function createBucketSetupHandler(resolve: () => Promise<BucketSetupDependencies>) {
  return createHandler({
    name: 'bucket-setup',
    // An event without a ResponseURL, StackId, RequestId or LogicalResourceId cannot be
    // answered: it fails as InvalidEvent, in the log only.
    schema: customResourceRequestSchema,
    resolve,
    // CloudFormation's request, on every line: which stack's which resource asked for what.
    logKeys: (event) => ({
      requestType: event.RequestType,
      logicalResourceId: event.LogicalResourceId,
      stackId: event.StackId,
    }),
    run: async (event, { s3, logger }, context) => {
      const response = await answerBucketSetupRequest(event, {
        s3,
        logger,
        timeLimitMs: context.getRemainingTimeInMillis() - ANSWER_MARGIN_MS,
      });
      await sendResponse(event.ResponseURL, response);
      return response;
    },
  });
}

/** Collaborators from the Lambda environment: the bucket's region is the stack's. */
export async function dependenciesFromEnvironment(): Promise<BucketSetupDependencies> {
  return { s3: createS3Client(), logger: createLogger() };
}

export const handler = createBucketSetupHandler(dependenciesFromEnvironment);
