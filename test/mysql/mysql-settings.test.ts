import { inspect } from 'node:util';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { RdsSettingsInvalid } from '../../shared/errors.js';
import {
  describeMysqlSettings,
  mysqlSettingsFromSecret,
  mysqlSettingsFromUrl,
} from '../../shared/mysql/mysql-settings.js';
import { resolveMysqlSettings } from '../../shared/mysql/resolve-mysql-settings.js';

const PASSWORD = 'S3cr3t:p@ss/word';
const plain = (s: object) => ({ ...s });

describe('mysqlSettingsFromUrl', () => {
  it('reads user, URL-encoded password, host, port and database', () => {
    // Act
    const settings = mysqlSettingsFromUrl(
      `mysql://app:${encodeURIComponent(PASSWORD)}@db.example.com:3307/school`,
    );

    // Assess
    expect(plain(settings)).toEqual({
      host: 'db.example.com',
      port: 3307,
      user: 'app',
      password: PASSWORD,
      database: 'school',
    });
  });

  it('defaults the port and the database', () => {
    // Act
    const settings = mysqlSettingsFromUrl('mysql://root@127.0.0.1');

    // Assess
    expect(plain(settings)).toEqual({
      host: '127.0.0.1',
      port: 3306,
      user: 'root',
      password: '',
      database: 'csv_catalog',
    });
  });

  it('keeps the password out of JSON, inspect and descriptions', () => {
    // Prepare
    const settings = mysqlSettingsFromUrl(`mysql://app:${encodeURIComponent(PASSWORD)}@h/d`);

    // Act
    const shown = [JSON.stringify(settings), inspect(settings), describeMysqlSettings(settings)];

    // Assess
    for (const text of shown) expect(text).not.toContain(PASSWORD);
    expect(describeMysqlSettings(settings)).toBe('app@h:3306/d');
  });

  it.each([
    ['not a URL', `mysql://app:${encodeURIComponent(PASSWORD)}@h:99999/d`, /not a valid URL/],
    ['no scheme', `app:${PASSWORD}@h/d`, /must start with mysql:\/\//],
    ['another scheme', `postgres://app:${PASSWORD}@h/d`, /must start with mysql:\/\//],
    ['no user', `mysql://:${PASSWORD}@h/d`, /has no user name/],
    ['query parameters', `mysql://app:${PASSWORD}@h/d?ssl=true`, /query parameters/],
    ['a bad escape', 'mysql://app:%E0%A4%A@h/d', /password is not validly URL-encoded/],
  ])('refuses %s without showing the password', (_case, url, message) => {
    // Act
    const error = (() => {
      try {
        mysqlSettingsFromUrl(url);
      } catch (e) {
        return e;
      }
    })();

    // Assess
    expect(error).toBeInstanceOf(RdsSettingsInvalid);
    expect((error as Error).message).toMatch(message);
    expect(inspect(error)).not.toContain('S3cr3t');
    expect(inspect(error)).not.toContain('%E0%A4%A');
  });
});

describe('mysqlSettingsFromSecret', () => {
  it('reads an RDS secret, ignoring its other fields', () => {
    // Prepare
    const secret = JSON.stringify({
      engine: 'mysql',
      host: 'db.abc.ap-northeast-2.rds.amazonaws.com',
      port: 3306,
      username: 'admin',
      password: PASSWORD,
      dbname: 'school',
      dbInstanceIdentifier: 'db',
    });

    // Act
    const settings = mysqlSettingsFromSecret(secret);

    // Assess
    expect(plain(settings)).toEqual({
      host: 'db.abc.ap-northeast-2.rds.amazonaws.com',
      port: 3306,
      user: 'admin',
      password: PASSWORD,
      database: 'school',
    });
  });

  it('accepts a port written as a string and defaults port and database', () => {
    // Act
    const withString = mysqlSettingsFromSecret(
      JSON.stringify({ host: 'h', port: '3307', username: 'u', password: PASSWORD }),
    );
    const withNone = mysqlSettingsFromSecret(
      JSON.stringify({ host: 'h', username: 'u', password: PASSWORD }),
    );

    // Assess
    expect([withString.port, withString.database]).toEqual([3307, 'csv_catalog']);
    expect([withNone.port, withNone.database]).toEqual([3306, 'csv_catalog']);
  });

  it.each([
    ['not JSON', `password=${PASSWORD}`, /not valid JSON/],
    ['no host', JSON.stringify({ username: 'u', password: PASSWORD }), /host: /],
    [
      'a bad port',
      JSON.stringify({ host: 'h', port: 'x', username: 'u', password: PASSWORD }),
      /port: /,
    ],
    [
      'a numeric password',
      JSON.stringify({ host: 'h', username: 'u', password: 987654321 }),
      /password: /,
    ],
  ])('refuses a secret with %s without showing the password', (_case, secret, message) => {
    // Act
    const error = (() => {
      try {
        mysqlSettingsFromSecret(secret);
      } catch (e) {
        return e;
      }
    })();

    // Assess
    expect(error).toBeInstanceOf(RdsSettingsInvalid);
    expect((error as Error).message).toMatch(message);
    expect(inspect(error)).not.toContain('S3cr3t');
    expect(inspect(error)).not.toContain('987654321');
  });
});

describe('resolveMysqlSettings', () => {
  const secretsManager = mockClient(SecretsManagerClient);
  afterEach(() => secretsManager.reset());
  const arn = 'arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:rds-abc';

  it('reads the secret named by RDS_SECRET_ARN first', async () => {
    // Prepare
    secretsManager.on(GetSecretValueCommand, { SecretId: arn }).resolves({
      SecretString: JSON.stringify({ host: 'rds', username: 'u', password: PASSWORD }),
    });

    // Act
    const settings = await resolveMysqlSettings({
      env: { RDS_SECRET_ARN: arn, MYSQL_URL: 'mysql://other@elsewhere/x' },
      secretsManagerClient: new SecretsManagerClient({ region: 'ap-northeast-2' }),
    });

    // Assess
    expect(plain(settings)).toMatchObject({ host: 'rds', user: 'u', password: PASSWORD });
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('refuses a binary secret, naming the secret', async () => {
    // Prepare
    secretsManager.on(GetSecretValueCommand).resolves({ SecretBinary: new Uint8Array([1]) });

    // Act
    const result = resolveMysqlSettings({
      env: { RDS_SECRET_ARN: arn },
      secretsManagerClient: new SecretsManagerClient({ region: 'ap-northeast-2' }),
    });

    // Assess
    await expect(result).rejects.toThrow(RdsSettingsInvalid);
    await expect(result).rejects.toThrow(`RDS secret ${arn} has no SecretString`);
  });

  it('falls back to MYSQL_URL, then to the local default', async () => {
    // Act
    const fromUrl = await resolveMysqlSettings({ env: { MYSQL_URL: 'mysql://app@db:3310/x' } });
    const local = await resolveMysqlSettings({ env: {} });

    // Assess
    expect(describeMysqlSettings(fromUrl)).toBe('app@db:3310/x');
    expect(describeMysqlSettings(local)).toBe('root@127.0.0.1:3306/csv_catalog');
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });
});
