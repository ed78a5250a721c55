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

/**
 * What Lambda needs for a function in a VPC, on `*` as AWSLambdaVPCAccessExecutionRole grants
 * it (https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html).
 */
export const VPC_NETWORK_INTERFACE_ACTIONS = [
  'ec2:AssignPrivateIpAddresses',
  'ec2:CreateNetworkInterface',
  'ec2:DeleteNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSubnets',
  'ec2:UnassignPrivateIpAddresses',
];

/**
 * The only actions allowed on `*`: those AWS offers no resource-level permissions for, and
 * the VPC network-interface actions, which AWS says to grant on `*`.
 */
export const STAR_RESOURCE_ACTIONS = new Set([
  'glue:GetClassifier',
  'glue:CreateClassifier',
  'glue:UpdateClassifier',
  ...VPC_NETWORK_INTERFACE_ACTIONS,
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
  DecideCrawlRole: sorted([...LOGS, 'glue:GetTable', 's3:GetObject', 's3:ListBucket']),
  // Lists <table>/ and reads each file's head after a failed crawl.
  DescribeCrawlFailureRole: sorted([...LOGS, 's3:GetObject', 's3:ListBucket']),
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
    's3:GetObject',
    's3:ListBucket',
  ]),
  SyncRdsDdlRole: sorted([
    ...LOGS,
    ...VPC_NETWORK_INTERFACE_ACTIONS,
    // The coerced table's columns and comments, and the filed file's head.
    'glue:GetTable',
    's3:GetObject',
    's3:ListBucket',
    'secretsmanager:GetSecretValue',
  ]),
  // The same reads as SyncRdsDdl: the secret, the table's columns, the filed file (streamed);
  // ListBucket so that HeadObject of an archived file answers 404 (superseded), not 403.
  LoadRowsRole: sorted([
    ...LOGS,
    ...VPC_NETWORK_INTERFACE_ACTIONS,
    'glue:GetTable',
    's3:GetObject',
    's3:ListBucket',
    'secretsmanager:GetSecretValue',
  ]),
  StateMachineRole: sorted([
    ...LOG_DELIVERY,
    'glue:GetCrawler',
    'glue:StartCrawler',
    'lambda:InvokeFunction',
  ]),
  CrawlerRole: sorted(['s3:GetObject', 's3:ListBucket']),
  // An existing bucket (the packaged test stack's): the bucket-setup custom resource merges
  // EventBridge and its lifecycle rule into the bucket's configuration (shared/aws/bucket-setup.ts).
  BucketSetupRole: sorted([
    ...LOGS,
    's3:GetBucketNotification',
    's3:GetLifecycleConfiguration',
    's3:PutBucketNotification',
    's3:PutLifecycleConfiguration',
  ]),
};

/** What kmsKeyArn adds: role → KMS actions, each only through the service holding the data. */
export const EXPECTED_KMS: Record<string, { actions: string[]; via: string[] }> = {
  FileUploadRole: { actions: ['kms:Decrypt', 'kms:GenerateDataKey'], via: ['s3'] },
  DecideCrawlRole: { actions: ['kms:Decrypt'], via: ['s3'] },
  DescribeCrawlFailureRole: { actions: ['kms:Decrypt'], via: ['s3'] },
  CoerceSchemaRole: { actions: ['kms:Decrypt'], via: ['s3'] },
  CrawlerRole: { actions: ['kms:Decrypt'], via: ['s3'] },
  // The filed file's head, and the secret.
  SyncRdsDdlRole: { actions: ['kms:Decrypt'], via: ['s3', 'secretsmanager'] },
  // The filed file it streams, and the secret.
  LoadRowsRole: { actions: ['kms:Decrypt'], via: ['s3', 'secretsmanager'] },
};
