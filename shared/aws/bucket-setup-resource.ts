import type { S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { CsvCatalogError, describeError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import {
  applyBucketSetup,
  applyBucketTeardown,
  type BucketSetup,
  type BucketSetupOutcome,
} from './bucket-setup.js';
import {
  type CustomResourceRequest,
  type CustomResourceResponse,
  responseOf,
} from './cfn-custom-resource.js';

/** The custom resource's properties are not what deploy/bucket-setup.cjs writes. */
export class BucketSetupPropertiesInvalid extends CsvCatalogError {
  public override name = 'BucketSetupPropertiesInvalid';
}

/** The work did not finish before the Lambda's own timeout (minus the time to answer). */
export class BucketSetupTimedOut extends CsvCatalogError {
  public override name = 'BucketSetupTimedOut';
}

/**
 * The properties deploy/bucket-setup.cjs gives the resource. CloudFormation hands a custom
 * resource every scalar property as a string, so the number of days is coerced.
 */
const bucketSetupPropertiesSchema = z.object({
  BucketName: z.string().min(3).max(63),
  LifecycleRuleId: z.string().min(1).max(255),
  AbortIncompleteMultipartUploadDays: z.coerce.number().int().min(1),
});

export function bucketSetupOf(properties: Record<string, unknown>): BucketSetup {
  const parsed = bucketSetupPropertiesSchema.safeParse(properties);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new BucketSetupPropertiesInvalid(`invalid properties: ${issues.join('; ')}`);
  }
  return {
    bucket: parsed.data.BucketName,
    lifecycleRuleId: parsed.data.LifecycleRuleId,
    abortIncompleteUploadsAfterDays: parsed.data.AbortIncompleteMultipartUploadDays,
  };
}

/**
 * The bucket and the rule name the resource: a new bucket or rule ID on Update is a new
 * resource, and CloudFormation then sends Delete for the old one, which removes the old rule.
 */
export const physicalIdOf = (setup: BucketSetup) => `${setup.bucket}/${setup.lifecycleRuleId}`;

export interface AnswerOptions {
  s3: S3Client;
  logger: Logger;
  /** How long the work may take; the rest of the Lambda's time is for answering. */
  timeLimitMs: number;
}

/**
 * The response to one CloudFormation request, SUCCESS or FAILED: this never throws, because
 * a custom resource that does not answer keeps the stack waiting for an hour.
 */
export async function answerBucketSetupRequest(
  request: CustomResourceRequest,
  options: AnswerOptions,
): Promise<CustomResourceResponse> {
  try {
    const { physicalResourceId, outcome } = await withinTime(
      act(request, options.s3),
      options.timeLimitMs,
    );
    options.logger.info('Bucket setup done', {
      requestType: request.RequestType,
      physicalResourceId,
      ...outcome,
    });
    return responseOf(request, { status: 'SUCCESS', physicalResourceId });
  } catch (error) {
    const reason = reasonOf(error, request);
    options.logger.error('Bucket setup failed', {
      requestType: request.RequestType,
      reason,
      error,
    });
    return responseOf(request, {
      status: 'FAILED',
      // A failed Create made nothing: an id no properties produce, so the Delete
      // CloudFormation sends on rollback touches nothing (see act).
      physicalResourceId: request.PhysicalResourceId ?? `${request.LogicalResourceId}-not-created`,
      reason,
    });
  }
}

async function act(
  request: CustomResourceRequest,
  s3: S3Client,
): Promise<{ physicalResourceId: string; outcome: BucketSetupOutcome | { nothingToDo: string } }> {
  if (request.RequestType === 'Delete') return remove(request, s3);
  const setup = bucketSetupOf(request.ResourceProperties);
  return { physicalResourceId: physicalIdOf(setup), outcome: await applyBucketSetup(s3, setup) };
}

/**
 * Removes the rule only when this request's resource is one a Create or Update made: a
 * Delete after a failed Create (rollback) or of properties this code cannot read has nothing
 * to remove, and failing it would leave the stack stuck in DELETE_FAILED. A bucket that is
 * gone took the rule with it.
 */
async function remove(request: CustomResourceRequest, s3: S3Client) {
  const physicalResourceId = request.PhysicalResourceId ?? request.LogicalResourceId;
  let setup: BucketSetup;
  try {
    setup = bucketSetupOf(request.ResourceProperties);
  } catch {
    return { physicalResourceId, outcome: { nothingToDo: 'properties not of this resource' } };
  }
  if (physicalIdOf(setup) !== physicalResourceId) {
    return { physicalResourceId, outcome: { nothingToDo: 'never created' } };
  }
  try {
    return { physicalResourceId, outcome: await applyBucketTeardown(s3, setup) };
  } catch (error) {
    if (errorName(error) === 'NoSuchBucket') {
      return { physicalResourceId, outcome: { nothingToDo: 'bucket gone' } };
    }
    throw error;
  }
}

function withinTime<T>(work: Promise<T>, limitMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, fail) => {
    timer = setTimeout(
      () => fail(new BucketSetupTimedOut(`did not finish within ${Math.round(limitMs / 1000)} s`)),
      Math.max(0, limitMs),
    );
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

const errorName = (error: unknown) => (error as { name?: unknown } | null)?.name;

/** The reason CloudFormation shows in the stack's events: the bucket, S3's error, what to do. */
function reasonOf(error: unknown, request: CustomResourceRequest): string {
  const bucket = request.ResourceProperties.BucketName;
  const where = typeof bucket === 'string' ? `bucket ${bucket}: ` : '';
  const name = errorName(error);
  const detail = `${typeof name === 'string' ? `${name}: ` : ''}${describeError(error)}`;
  const hint =
    name === 'AccessDenied'
      ? ' (the stack grants BucketSetupRole s3:Get/PutBucketNotification and s3:Get/PutLifecycleConfiguration on the bucket; a bucket policy or an SCP may deny them, or the bucket belongs to another account)'
      : name === 'PermanentRedirect' || name === 'AuthorizationHeaderMalformed'
        ? ' (the bucket is in another region: S3 sends its events to EventBridge in its own region only, so deploy the stack there)'
        : name === 'NoSuchBucket'
          ? ' (create the bucket, or deploy with --param="existingBucket=false")'
          : '';
  return `${where}${detail}${hint}`;
}
