'use strict';
// The deploy parameters (serverless.yml `custom.csvCatalog`, fed by `params:` and
// `--param`), checked once at package time so a bad value fails `serverless package`
// with a message that names the parameter, not a CloudFormation rollback later.
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

/** The Glue database the Lambdas use when the config file names none (config-schema.ts). */
const DEFAULT_GLUE_DATABASE = 'csv_catalog';
const GLUE_NAME = /^[a-z0-9_]{1,255}$/;
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
  const subnetIds = list(raw.rdsSubnetIds);
  const securityGroupIds = list(raw.rdsSecurityGroupIds);
  if ((subnetIds.length === 0) !== (securityGroupIds.length === 0)) {
    fail('rdsSubnetIds', 'give rdsSubnetIds and rdsSecurityGroupIds together, or neither');
  }
  return {
    stage: required(raw, 'stage'),
    bucket,
    existingBucket: raw.existingBucket !== false,
    configFile,
    database: glueDatabaseOf(path.resolve(serviceDir, configFile), configFile),
    rdsSecretArn,
    rdsVpc: subnetIds.length > 0 ? { subnetIds, securityGroupIds } : undefined,
    logRetentionDays: retentionDays(raw, 'logRetentionDays'),
    alarmEmail:
      typeof raw.alarmEmail === 'string' && raw.alarmEmail.trim()
        ? raw.alarmEmail.trim()
        : undefined,
  };
}

/** The Lambdas read the database from the bundled config: IAM must name the same one. */
function glueDatabaseOf(file, shown) {
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
  const database = data.glue?.database ?? DEFAULT_GLUE_DATABASE;
  if (typeof database !== 'string' || !GLUE_NAME.test(database)) {
    fail('config', `${shown}: glue.database must be lower-case letters, digits and _`);
  }
  return database;
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

module.exports = { readSettings, DEFAULT_GLUE_DATABASE, DeploySettingsError };
