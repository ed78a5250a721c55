import { resolve } from 'node:path';
import { inspect } from 'node:util';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { RdsSettingsInvalid } from '../../shared/errors.js';
import {
  describeMysqlSettings,
  mysqlSettingsFromSecret,
  mysqlSettingsFromUrl,
  mysqlTargetOf,
  sameMysqlTarget,
} from '../../shared/mysql/mysql-settings.js';
import { resolveMysqlSettings } from '../../shared/mysql/resolve-mysql-settings.js';

// A made-up password (never a real one) with the characters a URL must escape.
const PASSWORD = 'Fake-Pw:p@ss/word';
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
      sslMode: 'DISABLED',
    });
  });

  it('defaults the port, the database and TLS (none, as before ssl-mode)', () => {
    // Act
    const settings = mysqlSettingsFromUrl('mysql://root@127.0.0.1');

    // Assess
    expect(plain(settings)).toEqual({
      host: '127.0.0.1',
      port: 3306,
      user: 'root',
      password: '',
      database: 'csv_catalog',
      sslMode: 'DISABLED',
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
    [
      'an unknown parameter',
      `mysql://app:${encodeURIComponent(PASSWORD)}@h/d?ssl=true`,
      /unknown query parameter "ssl"/,
    ],
    [
      'a misspelt ssl-mode',
      `mysql://app:${encodeURIComponent(PASSWORD)}@h/d?ssl_mode=REQUIRED`,
      /"ssl_mode" \(only/,
    ],
    ['a fragment', `mysql://app:${encodeURIComponent(PASSWORD)}@h/d#x`, /fragments/],
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
    expect(inspect(error)).not.toContain('Fake-Pw');
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
      sslMode: 'VERIFY_IDENTITY',
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
    expect(inspect(error)).not.toContain('Fake-Pw');
    expect(inspect(error)).not.toContain('987654321');
  });
});

describe('ssl-mode and ssl-ca', () => {
  it.each([
    ['disabled', 'DISABLED'],
    ['Preferred', 'PREFERRED'],
    ['REQUIRED', 'REQUIRED'],
    ['verify_ca', 'VERIFY_CA'],
    ['Verify_Identity', 'VERIFY_IDENTITY'],
  ])('reads ssl-mode=%s in any case as %s', (given, mode) => {
    // Act
    const settings = mysqlSettingsFromUrl(`mysql://app@h/d?ssl-mode=${given}`);

    // Assess
    expect(settings.sslMode).toBe(mode);
    expect(settings.sslCa).toBeUndefined();
  });

  it('reads ssl-ca as an absolute path, URL-decoded, a + kept, a relative one from here', () => {
    // Act
    const absolute = mysqlSettingsFromUrl(
      `mysql://app@h/d?ssl-mode=VERIFY_IDENTITY&ssl-ca=${encodeURIComponent('/etc/인증서/rds+ca.pem')}`,
    );
    const relative = mysqlSettingsFromUrl('mysql://app@h/d?ssl-ca=certs/ca.pem&ssl-mode=VERIFY_CA');

    // Assess
    expect([absolute.sslMode, absolute.sslCa]).toEqual([
      'VERIFY_IDENTITY',
      '/etc/인증서/rds+ca.pem',
    ]);
    expect([relative.sslMode, relative.sslCa]).toEqual(['VERIFY_CA', resolve('certs/ca.pem')]);
  });

  it('takes an ssl-ca without ssl-mode as VERIFY_CA: a CA is given to be checked', () => {
    // Act
    const settings = mysqlSettingsFromUrl('mysql://app@h/d?ssl-ca=/ca.pem');

    // Assess
    expect([settings.sslMode, settings.sslCa]).toEqual(['VERIFY_CA', '/ca.pem']);
  });

  it.each([
    [
      'an unknown mode',
      'ssl-mode=ON',
      /ssl-mode "ON" is not one of DISABLED, PREFERRED, REQUIRED, VERIFY_CA, VERIFY_IDENTITY/,
    ],
    [
      'ssl-ca with a mode that checks nothing',
      'ssl-mode=REQUIRED&ssl-ca=/ca.pem',
      /ssl-ca is given with ssl-mode=REQUIRED, which checks no certificate/,
    ],
    ['an empty ssl-ca', 'ssl-mode=VERIFY_CA&ssl-ca=', /ssl-ca is empty/],
    ['ssl-mode twice', 'ssl-mode=REQUIRED&ssl-mode=DISABLED', /ssl-mode is given twice/],
  ])('refuses %s', (_case, query, message) => {
    // Act
    const parse = () =>
      mysqlSettingsFromUrl(`mysql://app:${encodeURIComponent(PASSWORD)}@h/d?${query}`);

    // Assess
    expect(parse).toThrow(RdsSettingsInvalid);
    expect(parse).toThrow(message);
    expect(parse).not.toThrow(/Fake-Pw/);
  });

  it("reads the secret's ssl-mode and ssl-ca in either spelling, VERIFY_IDENTITY by default", () => {
    // Prepare
    const secret = (tls: object) =>
      JSON.stringify({ host: 'db.rds.amazonaws.com', username: 'u', password: PASSWORD, ...tls });

    // Act
    const dashed = mysqlSettingsFromSecret(
      secret({ 'ssl-mode': 'verify_ca', 'ssl-ca': '/var/task/ca.pem' }),
    );
    const camel = mysqlSettingsFromSecret(secret({ sslMode: 'REQUIRED' }));
    const none = mysqlSettingsFromSecret(secret({}));
    const both = () =>
      mysqlSettingsFromSecret(secret({ 'ssl-mode': 'REQUIRED', sslMode: 'DISABLED' }));

    // Assess
    expect([dashed.sslMode, dashed.sslCa]).toEqual(['VERIFY_CA', '/var/task/ca.pem']);
    expect([camel.sslMode, camel.sslCa]).toEqual(['REQUIRED', undefined]);
    expect([none.sslMode, none.sslCa]).toEqual(['VERIFY_IDENTITY', undefined]);
    expect(both).toThrow(/RDS secret has both ssl-mode and sslMode: keep one/);
  });

  it('shows the TLS in descriptions as the URL gives it, DISABLED (the default) not at all', () => {
    // Prepare
    const url = 'mysql://app:pw@h:3307/d';

    // Act
    const shown = [
      `${url}?ssl-mode=VERIFY_IDENTITY&ssl-ca=/etc/ca.pem`,
      `${url}?ssl-mode=preferred`,
      `${url}?ssl-mode=DISABLED`,
    ].map((u) => describeMysqlSettings(mysqlSettingsFromUrl(u)));

    // Assess
    expect(shown).toEqual([
      'app@h:3307/d?ssl-mode=VERIFY_IDENTITY&ssl-ca=/etc/ca.pem',
      'app@h:3307/d?ssl-mode=PREFERRED',
      'app@h:3307/d',
    ]);
  });

  it('keeps the TLS in a target, never the password; TLS makes targets differ', () => {
    // Prepare
    const verified = mysqlSettingsFromUrl(
      'mysql://app:pw@h/d?ssl-mode=VERIFY_IDENTITY&ssl-ca=/ca.pem',
    );
    const plain = mysqlSettingsFromUrl('mysql://app:pw@h/d');
    const recordedBeforeTls = { host: 'h', port: 3306, user: 'app', database: 'd' };

    // Act
    const target = mysqlTargetOf(verified);

    // Assess
    expect(target).toEqual({
      host: 'h',
      port: 3306,
      user: 'app',
      database: 'd',
      sslMode: 'VERIFY_IDENTITY',
      sslCa: '/ca.pem',
    });
    expect(sameMysqlTarget(verified, target)).toBe(true);
    expect(sameMysqlTarget(plain, target)).toBe(false);
    expect(sameMysqlTarget(plain, recordedBeforeTls)).toBe(true);
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
    expect(plain(settings)).toMatchObject({
      host: 'rds',
      user: 'u',
      password: PASSWORD,
      sslMode: 'VERIFY_IDENTITY',
    });
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
