'use strict';
// The deploy parameters (serverless.yml `custom.csvCatalog`, fed by `params:` and
// `--param`), checked once at package time so a bad value fails `serverless package`
// with a message that names the parameter, not a CloudFormation rollback later.
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

/**
 * The Glue database the Lambdas use when the config file names none: the stage's own,
 * shared/config/stage-database.ts stageGlueDatabase (test/deploy checks they agree).
 */
const stageGlueDatabase = (stage) => `csv_catalog_${stage.toLowerCase().replaceAll('-', '_')}`;
/**
 * Crawler names when the config gives no `glue.crawlerName` and the Lambdas run in a stage
 * (STAGE set): shared/glue/crawler-name.ts STAGE_CRAWLER_NAME, which test/deploy checks.
 */
const STAGE_CRAWLER_NAME = 'crawler_{stage}_{table}';
const GLUE_NAME = /^[a-z0-9_]{1,255}$/;
/** shared/glue/crawler-name.ts refuses any other STAGE, so the template does too. */
const STAGE_NAME = /^[A-Za-z0-9-]{1,64}$/;
/** A key ARN, not an alias: IAM matches kms:Decrypt against the key's ARN. */
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+-[A-Za-z0-9]{6}$/;

class DeploySettingsError extends Error {
  name = 'DeploySettingsError';
  constructor(message) {
    super(message);
    // osls prints the stack of an error from a variables file: the message is enough here.
    this.stack = `${this.name}: ${message}`;
  }
}

/**
 * @param {Record<string, unknown>} raw custom.csvCatalog, variables resolved
 * @param {string} serviceDir where serverless.yml lives
 */
function readSettings(raw, serviceDir) {
  const bucket = required(raw, 'bucket');
  if (!BUCKET_NAME.test(bucket)) fail('bucket', `"${bucket}" is not an S3 bucket name`);
  const rdsSecretArn = required(raw, 'rdsSecretArn');
  if (!SECRET_ARN.test(rdsSecretArn)) {
    fail(
      'rdsSecretArn',
      'must be the full ARN of a Secrets Manager secret (with its 6-character suffix)',
    );
  }
  const configFile = required(raw, 'config');
  // Bundled at the same relative path under /var/task (CSV_CATALOG_CONFIG).
  if (path.isAbsolute(configFile) || configFile.split(/[\\/]/).includes('..')) {
    fail(
      'config',
      `${configFile} must be a path inside the repository, relative to serverless.yml`,
    );
  }
  const stage = required(raw, 'stage');
  if (!STAGE_NAME.test(stage)) fail('stage', `"${stage}" must be letters, digits and -`);
  const kmsKeyArn = optional(raw, 'kmsKeyArn');
  if (kmsKeyArn && !KMS_KEY_ARN.test(kmsKeyArn)) {
    fail(
      'kmsKeyArn',
      'must be the ARN of a KMS key (arn:aws:kms:<region>:<account>:key/<id>), not an alias',
    );
  }
  const subnetIds = list(raw.rdsSubnetIds);
  const securityGroupIds = list(raw.rdsSecurityGroupIds);
  if ((subnetIds.length === 0) !== (securityGroupIds.length === 0)) {
    fail('rdsSubnetIds', 'give rdsSubnetIds and rdsSecurityGroupIds together, or neither');
  }
  const glue = glueSettingsOf(path.resolve(serviceDir, configFile), configFile, stage);
  return {
    stage,
    bucket,
    existingBucket: raw.existingBucket !== false,
    configFile,
    database: glue.database,
    crawlerNamePattern: glue.crawlerName,
    kmsKeyArn,
    rdsSecretArn,
    rdsVpc: subnetIds.length > 0 ? { subnetIds, securityGroupIds } : undefined,
    logRetentionDays: retentionDays(raw, 'logRetentionDays'),
    alarmEmail:
      typeof raw.alarmEmail === 'string' && raw.alarmEmail.trim()
        ? raw.alarmEmail.trim()
        : undefined,
  };
}

/**
 * The Lambdas read the database and the crawler names from the bundled config: IAM must name
 * the same ones. Crawler names are the config's pattern with this stage filled in.
 */
function glueSettingsOf(file, shown, stage) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    fail(
      'config',
      `${shown} cannot be read: create it (see deploy/README.md) or pass --param="config=<file>"`,
    );
  }
  const data = YAML.parse(text) ?? {};
  const database = data.glue?.database ?? stageGlueDatabase(stage);
  if (typeof database !== 'string' || !GLUE_NAME.test(database)) {
    fail('config', `${shown}: glue.database must be lower-case letters, digits and _`);
  }
  const crawlerName = data.glue?.crawlerName ?? STAGE_CRAWLER_NAME;
  if (typeof crawlerName !== 'string' || (crawlerName.match(/\{table\}/g) ?? []).length !== 1) {
    fail('config', `${shown}: glue.crawlerName must hold {table} exactly once`);
  }
  return { database, crawlerName: crawlerName.replaceAll('{stage}', stage) };
}

function required(raw, key) {
  const value = raw[key];
  if (typeof value !== 'string' || value.trim() === '')
    fail(key, `is required: pass --param="${key}=…"`);
  return value.trim();
}

/** The values CloudWatch Logs accepts for RetentionInDays. */
const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
];

function retentionDays(raw, key) {
  const n = Number(raw[key]);
  if (!RETENTION_DAYS.includes(n)) fail(key, `must be one of ${RETENTION_DAYS.join(', ')} (days)`);
  return n;
}

function optional(raw, key) {
  const value = raw[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function list(value) {
  if (Array.isArray(value)) return value.map(String).filter(Boolean);
  if (typeof value !== 'string') return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function fail(key, message) {
  throw new DeploySettingsError(`deploy parameter ${key}: ${message}`);
}

module.exports = { readSettings, stageGlueDatabase, STAGE_CRAWLER_NAME, DeploySettingsError };
