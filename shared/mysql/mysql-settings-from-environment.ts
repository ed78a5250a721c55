import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { MysqlSettings } from './mysql-settings.js';
import { resolveMysqlSettings } from './resolve-mysql-settings.js';

/**
 * MySQL settings for a Lambda that talks to MySQL, resolved on every call so a rotated RDS
 * secret is picked up without a cold start: RDS_SECRET_ARN on AWS, MYSQL_URL locally. The
 * Secrets Manager client is built once, the first time a secret is read.
 */
export function mysqlSettingsFromEnvironment(): () => Promise<MysqlSettings> {
  let secretsManagerClient: SecretsManagerClient | undefined;
  return () => {
    if (process.env.RDS_SECRET_ARN) secretsManagerClient ??= new SecretsManagerClient({});
    return resolveMysqlSettings({ env: process.env, secretsManagerClient });
  };
}
