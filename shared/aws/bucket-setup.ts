import {
  DeleteBucketLifecycleCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketNotificationConfigurationCommand,
  type LifecycleRule,
  type NotificationConfiguration,
  PutBucketLifecycleConfigurationCommand,
  PutBucketNotificationConfigurationCommand,
  type S3Client,
  type TransitionDefaultMinimumObjectSize,
} from '@aws-sdk/client-s3';

/**
 * What csv-catalog needs of a drop bucket it did not create (deploy/bucket-setup.cjs): its
 * events sent to EventBridge, where the drop rule picks `.csv` in any casing, and incomplete
 * multipart uploads aborted. Both S3 calls replace the bucket's whole configuration
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketNotificationConfiguration.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLifecycleConfiguration.html), so
 * each is read, merged and written back: everything else the bucket has stays.
 */
export interface BucketSetup {
  bucket: string;
  /** The ID of csv-catalog's lifecycle rule: the one rule this code adds, replaces and removes. */
  lifecycleRuleId: string;
  abortIncompleteUploadsAfterDays: number;
}

/** A bucket's lifecycle configuration as GetBucketLifecycleConfiguration returns it. */
export interface LifecycleConfiguration {
  rules: LifecycleRule[];
  /** Kept as read: a put without it resets the bucket's transition size default. */
  transitionDefaultMinimumObjectSize?: TransitionDefaultMinimumObjectSize | undefined;
}

/** A configuration to write, or none when the bucket has it already (idempotent, no write). */
export type Change<T> = { changed: true; next: T } | { changed: false };

/**
 * The bucket's notification configuration with EventBridge on: its topic, queue and Lambda
 * configurations unchanged. Nothing to write when EventBridge is on already.
 */
export function withEventBridge(
  current: NotificationConfiguration,
): Change<NotificationConfiguration> {
  if (current.EventBridgeConfiguration) return { changed: false };
  return {
    changed: true,
    next: {
      ...notificationParts(current),
      EventBridgeConfiguration: {},
    },
  };
}

/** Only the configuration fields of a Get response (its $metadata stays out of the Put). */
function notificationParts(current: NotificationConfiguration): NotificationConfiguration {
  const parts: NotificationConfiguration = {};
  if (current.TopicConfigurations?.length) parts.TopicConfigurations = current.TopicConfigurations;
  if (current.QueueConfigurations?.length) parts.QueueConfigurations = current.QueueConfigurations;
  if (current.LambdaFunctionConfigurations?.length) {
    parts.LambdaFunctionConfigurations = current.LambdaFunctionConfigurations;
  }
  if (current.EventBridgeConfiguration) {
    parts.EventBridgeConfiguration = current.EventBridgeConfiguration;
  }
  return parts;
}

/** csv-catalog's rule: every object (empty prefix), its incomplete uploads aborted. */
export function abortIncompleteUploadsRule(setup: BucketSetup): LifecycleRule {
  return {
    ID: setup.lifecycleRuleId,
    Status: 'Enabled',
    Filter: { Prefix: '' },
    AbortIncompleteMultipartUpload: { DaysAfterInitiation: setup.abortIncompleteUploadsAfterDays },
  };
}

/**
 * The bucket's lifecycle rules with csv-catalog's rule added, or put in place of a rule with
 * its ID that differs; every other rule kept, in its order. Nothing to write when the rule is
 * there as it should be.
 */
export function withAbortIncompleteUploadsRule(
  current: LifecycleConfiguration,
  setup: BucketSetup,
): Change<LifecycleConfiguration> {
  const ours = abortIncompleteUploadsRule(setup);
  const existing = current.rules.filter((rule) => rule.ID === setup.lifecycleRuleId);
  if (existing.length === 1 && sameRule(existing[0] as LifecycleRule, ours)) {
    return { changed: false };
  }
  return {
    changed: true,
    next: {
      ...current,
      rules: [...current.rules.filter((rule) => rule.ID !== setup.lifecycleRuleId), ours],
    },
  };
}

/**
 * The bucket's lifecycle rules without csv-catalog's rule; nothing to write when it is not
 * there. `rules` may come out empty: S3 refuses an empty configuration, so that one is
 * deleted instead (applyBucketTeardown).
 */
export function withoutAbortIncompleteUploadsRule(
  current: LifecycleConfiguration,
  setup: BucketSetup,
): Change<LifecycleConfiguration> {
  const rest = current.rules.filter((rule) => rule.ID !== setup.lifecycleRuleId);
  if (rest.length === current.rules.length) return { changed: false };
  return { changed: true, next: { ...current, rules: rest } };
}

/**
 * Compared as S3 gives the rule back: GetBucketLifecycleConfiguration returns `Filter:
 * {Prefix: ""}` for the empty prefix, and no fields the rule does not set.
 */
function sameRule(found: LifecycleRule, wanted: LifecycleRule): boolean {
  return (
    found.Status === wanted.Status &&
    (found.Filter?.Prefix ?? found.Prefix ?? '') === '' &&
    found.Filter?.Tag === undefined &&
    found.Filter?.And === undefined &&
    found.Filter?.ObjectSizeGreaterThan === undefined &&
    found.Filter?.ObjectSizeLessThan === undefined &&
    found.AbortIncompleteMultipartUpload?.DaysAfterInitiation ===
      wanted.AbortIncompleteMultipartUpload?.DaysAfterInitiation &&
    found.Expiration === undefined &&
    !found.Transitions?.length &&
    found.NoncurrentVersionExpiration === undefined &&
    !found.NoncurrentVersionTransitions?.length
  );
}

/** What a setup or teardown wrote, for the log and the tests. */
export interface BucketSetupOutcome {
  eventBridgeEnabled: 'already' | 'enabled' | 'left-on';
  lifecycleRule: 'already' | 'added' | 'removed' | 'absent';
}

/**
 * Turns on EventBridge and puts csv-catalog's lifecycle rule in place, keeping every other
 * notification and rule of the bucket. Safe to run again: it writes only what is missing.
 */
export async function applyBucketSetup(
  s3: S3Client,
  setup: BucketSetup,
): Promise<BucketSetupOutcome> {
  const { bucket } = setup;
  const notification = withEventBridge(
    await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: bucket })),
  );
  if (notification.changed) {
    await s3.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket: bucket,
        NotificationConfiguration: notification.next,
        // The bucket's own destinations go back as they were; EventBridge needs no check. S3
        // would otherwise test each one again and refuse the whole put if another team's
        // queue, topic or function has since gone or changed its policy.
        SkipDestinationValidation: true,
      }),
    );
  }
  const lifecycle = withAbortIncompleteUploadsRule(await readLifecycle(s3, bucket), setup);
  if (lifecycle.changed) await writeLifecycle(s3, bucket, lifecycle.next);
  return {
    eventBridgeEnabled: notification.changed ? 'enabled' : 'already',
    lifecycleRule: lifecycle.changed ? 'added' : 'already',
  };
}

/**
 * Removes csv-catalog's lifecycle rule, keeping the others. EventBridge stays on: other
 * consumers of the bucket's events (rules of other stacks or teams) may rely on it, and
 * turning it off cannot be told apart from their needs here.
 */
export async function applyBucketTeardown(
  s3: S3Client,
  setup: BucketSetup,
): Promise<BucketSetupOutcome> {
  const lifecycle = withoutAbortIncompleteUploadsRule(await readLifecycle(s3, setup.bucket), setup);
  if (lifecycle.changed) await writeLifecycle(s3, setup.bucket, lifecycle.next);
  return { eventBridgeEnabled: 'left-on', lifecycleRule: lifecycle.changed ? 'removed' : 'absent' };
}

/** A bucket without lifecycle configuration answers NoSuchLifecycleConfiguration: no rules. */
async function readLifecycle(s3: S3Client, bucket: string): Promise<LifecycleConfiguration> {
  try {
    const found = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }));
    return {
      rules: found.Rules ?? [],
      transitionDefaultMinimumObjectSize: found.TransitionDefaultMinimumObjectSize,
    };
  } catch (error) {
    if ((error as { name?: unknown }).name === 'NoSuchLifecycleConfiguration') return { rules: [] };
    throw error;
  }
}

/**
 * S3 refuses a lifecycle configuration without rules (MalformedXML): none left means the
 * configuration is deleted (DeleteBucketLifecycle, allowed by s3:PutLifecycleConfiguration).
 */
async function writeLifecycle(
  s3: S3Client,
  bucket: string,
  next: LifecycleConfiguration,
): Promise<void> {
  if (next.rules.length === 0) {
    await s3.send(new DeleteBucketLifecycleCommand({ Bucket: bucket }));
    return;
  }
  await s3.send(
    new PutBucketLifecycleConfigurationCommand({
      Bucket: bucket,
      LifecycleConfiguration: { Rules: next.rules },
      ...(next.transitionDefaultMinimumObjectSize
        ? { TransitionDefaultMinimumObjectSize: next.transitionDefaultMinimumObjectSize }
        : {}),
    }),
  );
}
