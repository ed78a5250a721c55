import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { RdsSettingsInvalid } from '../errors.js';
import {
  LOCAL_MYSQL_URL,
  type MysqlSettings,
  mysqlSettingsFromSecret,
  mysqlSettingsFromUrl,
} from './mysql-settings.js';

export interface ResolveMysqlSettingsOptions {
  env: Readonly<Record<string, string | undefined>>;
  /** Used when RDS_SECRET_ARN is set; a default client is built when none is given. */
  secretsManagerClient?: SecretsManagerClient;
}

/**
 * Where MySQL settings come from, first match wins: the RDS secret named by RDS_SECRET_ARN
 * (on AWS), MYSQL_URL, then the local default mysql://root@127.0.0.1:3306/csv_catalog.
 * TLS follows ssl-mode: VERIFY_IDENTITY against the Amazon RDS CAs by default from the
 * secret (RDS may require secure transport), DISABLED by default from a URL.
 */
export async function resolveMysqlSettings(
  options: ResolveMysqlSettingsOptions,
): Promise<MysqlSettings> {
  const { env } = options;
  const secretArn = env.RDS_SECRET_ARN?.trim();
  if (secretArn) {
    const client = options.secretsManagerClient ?? new SecretsManagerClient({});
    const secret = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
    if (secret.SecretString === undefined) {
      throw new RdsSettingsInvalid(`RDS secret ${secretArn} has no SecretString (binary secret?)`);
    }
    return mysqlSettingsFromSecret(secret.SecretString);
  }
  const url = env.MYSQL_URL?.trim();
  return mysqlSettingsFromUrl(url || LOCAL_MYSQL_URL);
}
