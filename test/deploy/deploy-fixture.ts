import { TEST_CONFIG } from './package-service.js';

/** The deploy parameters the packaged test stack is built with. */
export const BUCKET = 'csv-catalog-test-drop';
export const SECRET_ARN =
  'arn:aws:secretsmanager:us-east-1:123456789012:secret:csv-catalog/test-AbCdEf';
export const ALARM_EMAIL = 'data-team@example.com';

export const PACKAGE_PARAMS = {
  bucket: BUCKET,
  rdsSecretArn: SECRET_ARN,
  config: TEST_CONFIG,
  rdsSubnetIds: 'subnet-0a1b2c3d,subnet-4e5f6a7b',
  rdsSecurityGroupIds: 'sg-0123456789abcdef0',
  alarmEmail: ALARM_EMAIL,
};

/** serverless.yml's functions: key → handler folder. */
export const FUNCTIONS = {
  fileUpload: 'file-upload',
  checkSnapshot: 'check-snapshot',
  ensureCrawler: 'ensure-crawler',
  decideCrawl: 'decide-crawl',
  describeCrawlFailure: 'describe-crawl-failure',
  coerceSchema: 'coerce-schema',
  syncRdsDdl: 'sync-rds-ddl',
  loadRows: 'load-rows',
} as const;
export type FunctionKey = keyof typeof FUNCTIONS;

/** osls' logical ids: fileUpload → FileUploadLambdaFunction, FileUploadRole (ours). */
export const capitalized = (key: string) => key.charAt(0).toUpperCase() + key.slice(1);
