import type { LifecycleRule, NotificationConfiguration } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import {
  abortIncompleteUploadsRule,
  type BucketSetup,
  type LifecycleConfiguration,
  withAbortIncompleteUploadsRule,
  withEventBridge,
  withoutAbortIncompleteUploadsRule,
} from '../../../shared/aws/bucket-setup.js';

const SETUP: BucketSetup = {
  bucket: 'school-dumps',
  lifecycleRuleId: 'csv-catalog-prod-abort-incomplete-multipart-uploads',
  abortIncompleteUploadsAfterDays: 1,
};

/** Another team's configurations on the same bucket, as GetBucketNotificationConfiguration gives them. */
const THEIR_NOTIFICATIONS: NotificationConfiguration = {
  LambdaFunctionConfigurations: [
    {
      Id: '썸네일-생성',
      LambdaFunctionArn: 'arn:aws:lambda:ap-northeast-2:123456789012:function:thumbnails',
      Events: ['s3:ObjectCreated:*'],
      Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'images/' }] } },
    },
  ],
  QueueConfigurations: [
    {
      Id: 'audit',
      QueueArn: 'arn:aws:sqs:ap-northeast-2:123456789012:audit',
      Events: ['s3:ObjectRemoved:*'],
    },
  ],
  TopicConfigurations: [
    {
      Id: 'restores',
      TopicArn: 'arn:aws:sns:ap-northeast-2:123456789012:restores',
      Events: ['s3:ObjectRestore:Completed'],
    },
  ],
};

const THEIR_RULES: LifecycleRule[] = [
  {
    ID: '보관-90일',
    Status: 'Enabled',
    Filter: { Prefix: '_archive/' },
    Expiration: { Days: 90 },
  },
  {
    ID: 'glacier',
    Status: 'Disabled',
    Filter: { And: { Prefix: 'old/', Tags: [{ Key: 'tier', Value: 'cold' }] } },
    Transitions: [{ Days: 30, StorageClass: 'GLACIER' }],
  },
];

describe('withEventBridge', () => {
  it('adds EventBridge and keeps every Lambda, SQS and SNS configuration as it was', () => {
    // Prepare
    const current = { ...THEIR_NOTIFICATIONS, $metadata: { httpStatusCode: 200 } };

    // Act
    const change = withEventBridge(current);

    // Assess
    expect(change).toEqual({
      changed: true,
      next: { ...THEIR_NOTIFICATIONS, EventBridgeConfiguration: {} },
    });
  });

  it('turns EventBridge on for a bucket with no notifications, writing no empty lists', () => {
    // Prepare / Act
    const change = withEventBridge({});

    // Assess
    expect(change).toEqual({ changed: true, next: { EventBridgeConfiguration: {} } });
  });

  it('writes nothing when EventBridge is on already (run twice: one write)', () => {
    // Prepare
    const first = withEventBridge(THEIR_NOTIFICATIONS);
    if (!first.changed) throw new Error('the first run must write');

    // Act
    const second = withEventBridge(first.next);

    // Assess
    expect(second).toEqual({ changed: false });
  });
});

describe('withAbortIncompleteUploadsRule', () => {
  it('adds the rule for every object (empty prefix), after the bucket’s own rules, kept as they were', () => {
    // Prepare
    const current: LifecycleConfiguration = { rules: THEIR_RULES };

    // Act
    const change = withAbortIncompleteUploadsRule(current, SETUP);

    // Assess
    expect(change).toEqual({
      changed: true,
      next: {
        rules: [
          ...THEIR_RULES,
          {
            ID: 'csv-catalog-prod-abort-incomplete-multipart-uploads',
            Status: 'Enabled',
            Filter: { Prefix: '' },
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
          },
        ],
      },
    });
  });

  it('keeps the bucket’s transition size default, which a put without it would reset', () => {
    // Prepare
    const current: LifecycleConfiguration = {
      rules: THEIR_RULES,
      transitionDefaultMinimumObjectSize: 'varies_by_storage_class',
    };

    // Act
    const change = withAbortIncompleteUploadsRule(current, SETUP);

    // Assess
    expect(change.changed && change.next.transitionDefaultMinimumObjectSize).toBe(
      'varies_by_storage_class',
    );
  });

  it('adds the rule to a bucket without lifecycle configuration', () => {
    // Prepare / Act
    const change = withAbortIncompleteUploadsRule({ rules: [] }, SETUP);

    // Assess
    expect(change).toEqual({
      changed: true,
      next: { rules: [abortIncompleteUploadsRule(SETUP)] },
    });
  });

  it('writes nothing when the rule is there as S3 gives it back (idempotent)', () => {
    // Prepare: GetBucketLifecycleConfiguration's shape of the rule put before
    const current: LifecycleConfiguration = {
      rules: [
        THEIR_RULES[0] as LifecycleRule,
        {
          ID: SETUP.lifecycleRuleId,
          Status: 'Enabled',
          Filter: { Prefix: '' },
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
        },
        THEIR_RULES[1] as LifecycleRule,
      ],
    };

    // Act
    const change = withAbortIncompleteUploadsRule(current, SETUP);

    // Assess
    expect(change).toEqual({ changed: false });
  });

  it.each<[string, LifecycleRule]>([
    [
      'disabled',
      { Status: 'Disabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } },
    ],
    [
      'after 7 days',
      { Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } },
    ],
    [
      'narrowed to a prefix',
      {
        Status: 'Enabled',
        Filter: { Prefix: 'tmp/' },
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
      },
    ],
    [
      'with an expiration added',
      {
        Status: 'Enabled',
        Filter: { Prefix: '' },
        Expiration: { Days: 1 },
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
      },
    ],
  ])(
    'puts its rule back in place of one with its ID that is %s, in the same run',
    (_how, edited) => {
      // Prepare
      const current: LifecycleConfiguration = {
        rules: [{ ...edited, ID: SETUP.lifecycleRuleId }, ...THEIR_RULES],
      };

      // Act
      const change = withAbortIncompleteUploadsRule(current, SETUP);

      // Assess
      expect(change).toEqual({
        changed: true,
        next: { rules: [...THEIR_RULES, abortIncompleteUploadsRule(SETUP)] },
      });
    },
  );

  it('leaves another stage’s rule alone: one rule per stage', () => {
    // Prepare
    const dev = abortIncompleteUploadsRule({
      ...SETUP,
      lifecycleRuleId: 'csv-catalog-dev-abort-incomplete-multipart-uploads',
    });

    // Act
    const change = withAbortIncompleteUploadsRule({ rules: [dev] }, SETUP);

    // Assess
    expect(change.changed && change.next.rules).toEqual([dev, abortIncompleteUploadsRule(SETUP)]);
  });
});

describe('withoutAbortIncompleteUploadsRule', () => {
  it('removes only its own rule', () => {
    // Prepare
    const current: LifecycleConfiguration = {
      rules: [
        THEIR_RULES[0] as LifecycleRule,
        abortIncompleteUploadsRule(SETUP),
        THEIR_RULES[1] as LifecycleRule,
      ],
      transitionDefaultMinimumObjectSize: 'all_storage_classes_128K',
    };

    // Act
    const change = withoutAbortIncompleteUploadsRule(current, SETUP);

    // Assess
    expect(change).toEqual({
      changed: true,
      next: { rules: THEIR_RULES, transitionDefaultMinimumObjectSize: 'all_storage_classes_128K' },
    });
  });

  it('leaves no rules when its rule was the only one (the configuration is then deleted)', () => {
    // Prepare / Act
    const change = withoutAbortIncompleteUploadsRule(
      { rules: [abortIncompleteUploadsRule(SETUP)] },
      SETUP,
    );

    // Assess
    expect(change).toEqual({ changed: true, next: { rules: [] } });
  });

  it('writes nothing when its rule is not there (idempotent)', () => {
    // Prepare / Act / Assess
    expect(withoutAbortIncompleteUploadsRule({ rules: THEIR_RULES }, SETUP)).toEqual({
      changed: false,
    });
    expect(withoutAbortIncompleteUploadsRule({ rules: [] }, SETUP)).toEqual({ changed: false });
  });

  it('undoes what the setup did, leaving the bucket’s rules as they were', () => {
    // Prepare
    const added = withAbortIncompleteUploadsRule({ rules: THEIR_RULES }, SETUP);
    if (!added.changed) throw new Error('the setup must write');

    // Act
    const removed = withoutAbortIncompleteUploadsRule(added.next, SETUP);

    // Assess
    expect(removed).toEqual({ changed: true, next: { rules: THEIR_RULES } });
  });
});
