'use strict';
// Where failures land and who hears of them: the dead-letter queue of file-upload, the
// state machine's log group, and alarms on both failure paths.
const { getAtt, ref } = require('./iam/arns.cjs');

/** SQS keeps a message at most 14 days; the backfill files whatever is still at the root. */
const DEAD_LETTER_RETENTION_SECONDS = 1_209_600;

function monitoringResources(settings) {
  const { stage } = settings;
  return {
    FileUploadDeadLetterQueue: {
      Type: 'AWS::SQS::Queue',
      Properties: {
        QueueName: `csv-catalog-${stage}-file-upload-failures`,
        MessageRetentionPeriod: DEAD_LETTER_RETENTION_SECONDS,
        SqsManagedSseEnabled: true,
      },
    },
    StateMachineLogGroup: {
      Type: 'AWS::Logs::LogGroup',
      Properties: {
        LogGroupName: `/aws/vendedlogs/states/csv-catalog-${stage}`,
        RetentionInDays: settings.logRetentionDays,
      },
    },
    AlarmTopic: {
      Type: 'AWS::SNS::Topic',
      Properties: { TopicName: `csv-catalog-${stage}-alarms` },
    },
    ...(settings.alarmEmail
      ? {
          AlarmEmailSubscription: {
            Type: 'AWS::SNS::Subscription',
            Properties: {
              TopicArn: ref('AlarmTopic'),
              Protocol: 'email',
              Endpoint: settings.alarmEmail,
            },
          },
        }
      : {}),
    FileUploadDeadLetterAlarm: alarm({
      description: `csv-catalog ${stage}: uploads that file-upload could not file after its retries (or that EventBridge could not deliver to it) are in the dead-letter queue. Fix the cause, then run csv-catalog backfill (files still at the root) or csv-catalog sync --table <table> (files the message shows already filed).`,
      namespace: 'AWS/SQS',
      metric: 'ApproximateNumberOfMessagesVisible',
      statistic: 'Maximum',
      dimensions: [{ Name: 'QueueName', Value: getAtt('FileUploadDeadLetterQueue', 'QueueName') }],
    }),
    ExecutionsFailedAlarm: alarm({
      description: `csv-catalog ${stage}: a workflow execution failed. See csv-catalog executions --stage ${stage} --status FAILED.`,
      namespace: 'AWS/States',
      metric: 'ExecutionsFailed',
      statistic: 'Sum',
      dimensions: [{ Name: 'StateMachineArn', Value: ref('CsvCatalogStateMachine') }],
    }),
  };
}

/** Fires as soon as the metric is above 0 in a 5-minute period; no data is not a failure. */
function alarm({ description, namespace, metric, statistic, dimensions }) {
  return {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmDescription: description,
      Namespace: namespace,
      MetricName: metric,
      Dimensions: dimensions,
      Statistic: statistic,
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [ref('AlarmTopic')],
    },
  };
}

module.exports = { monitoringResources, DEAD_LETTER_RETENTION_SECONDS };
