/**
 * Least privilege, written out: the actions each role of the stack may take. Each Lambda's
 * list follows the SDK commands its code sends (shared/aws/, shared/glue/sdk-glue-catalog.ts,
 * shared/mysql/resolve-mysql-settings.ts); change both together.
 */
const LOGS = ['logs:CreateLogStream', 'logs:PutLogEvents'];
const LOG_DELIVERY = [
  'logs:CreateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:DescribeLogGroups',
  'logs:DescribeResourcePolicies',
  'logs:GetLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:UpdateLogDelivery',
];

/** Actions AWS offers no resource-level permissions for: the only ones allowed on `*`. */
export const STAR_RESOURCE_ACTIONS = new Set([
  'glue:GetClassifier',
  'glue:CreateClassifier',
  'glue:UpdateClassifier',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSubnets',
  ...LOG_DELIVERY,
]);

const sorted = (actions: string[]) => [...actions].sort();

/** Role logical id → allowed actions, sorted (the packaged test stack has the VPC set). */
export const EXPECTED_ACTIONS: Record<string, string[]> = {
  FileUploadRole: sorted([
    ...LOGS,
    's3:AbortMultipartUpload',
    's3:DeleteObject',
    's3:GetObject',
    's3:GetObjectTagging',
    's3:ListBucket',
    's3:PutObject',
    's3:PutObjectTagging',
    'sqs:SendMessage',
    'states:StartExecution',
  ]),
  CheckSnapshotRole: sorted([...LOGS, 's3:ListBucket']),
  EnsureCrawlerRole: sorted([
    ...LOGS,
    'glue:CreateClassifier',
    'glue:CreateCrawler',
    'glue:CreateDatabase',
    'glue:GetClassifier',
    'glue:GetCrawler',
    'glue:GetDatabase',
    'glue:UpdateClassifier',
    'glue:UpdateCrawler',
    'iam:PassRole',
  ]),
  DecideCrawlRole: sorted([...LOGS, 'glue:GetTable']),
  CoerceSchemaRole: sorted([
    ...LOGS,
    'glue:BatchCreatePartition',
    'glue:BatchUpdatePartition',
    'glue:CreateTable',
    'glue:DeleteTable',
    'glue:GetPartitions',
    'glue:GetTable',
    'glue:GetTables',
    'glue:UpdateTable',
    's3:ListBucket',
  ]),
  SyncRdsDdlRole: sorted([
    ...LOGS,
    'ec2:AssignPrivateIpAddresses',
    'ec2:CreateNetworkInterface',
    'ec2:DeleteNetworkInterface',
    'ec2:DescribeNetworkInterfaces',
    'ec2:DescribeSubnets',
    'ec2:UnassignPrivateIpAddresses',
    'secretsmanager:GetSecretValue',
  ]),
  StateMachineRole: sorted([
    ...LOG_DELIVERY,
    'glue:GetCrawler',
    'glue:StartCrawler',
    'lambda:InvokeFunction',
  ]),
  CrawlerRole: sorted(['s3:GetObject', 's3:ListBucket']),
  // osls' handler for an existing bucket's notifications, narrowed by deploy/resources.cjs.
  IamRoleCustomResourcesLambdaExecution: sorted([
    'lambda:AddPermission',
    'lambda:RemovePermission',
    's3:GetBucketNotification',
    's3:PutBucketNotification',
  ]),
};
