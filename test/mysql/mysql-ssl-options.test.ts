import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RdsSettingsInvalid } from '../../shared/errors.js';
import { mysqlSettingsFromUrl } from '../../shared/mysql/mysql-settings.js';
import { DEFAULT_CAS, mysqlSslOptions } from '../../shared/mysql/mysql-ssl-options.js';

const optionsFor = (query: string, host = 'db.abc.ap-northeast-2.rds.amazonaws.com') =>
  mysqlSslOptions(mysqlSettingsFromUrl(`mysql://app@${host}:3306/d?${query}`));

describe('mysqlSslOptions', () => {
  it.each([
    ['ssl-mode=DISABLED', undefined],
    ['ssl-mode=PREFERRED', { rejectUnauthorized: false }],
    ['ssl-mode=REQUIRED', { rejectUnauthorized: false }],
    ['ssl-mode=VERIFY_CA', { rejectUnauthorized: true, verifyIdentity: false }],
    ['ssl-mode=VERIFY_IDENTITY', { rejectUnauthorized: true, verifyIdentity: true }],
  ])('gives mysql2 for %s what the mysql client does', async (query, expected) => {
    // Act
    const options = await optionsFor(query);

    // Assess
    if (expected === undefined) expect(options).toBeUndefined();
    else expect(options).toMatchObject(expected);
  });

  it('leaves the host check of an IP address to open-mysql (mysql2 would check "localhost")', async () => {
    // Act
    const options = await optionsFor('ssl-mode=VERIFY_IDENTITY', '10.0.0.5');

    // Assess
    expect(options).toMatchObject({ rejectUnauthorized: true, verifyIdentity: false });
  });

  it("trusts the current RDS CAs of the team's Region when no ssl-ca is given", async () => {
    // Prepare
    const region = 'ap-northeast-2';

    // Act
    const options = await optionsFor('ssl-mode=VERIFY_IDENTITY');
    const names = ((options?.ca ?? []) as string[]).map(
      (pem) => new X509Certificate(pem).subject.match(/CN=(.*)/)?.[1],
    );

    // Assess: rds-ca-rsa2048-g1, rds-ca-rsa4096-g1, rds-ca-ecc384-g1
    for (const ca of ['RSA2048 G1', 'RSA4096 G1', 'ECC384 G1']) {
      expect(names).toContain(`Amazon RDS ${region} Root CA ${ca}`);
    }
    expect(options?.ca).toEqual([...DEFAULT_CAS]);
  });

  it('refuses an ssl-ca file that holds no certificate', async () => {
    // Act
    const options = optionsFor(`ssl-mode=VERIFY_CA&ssl-ca=${import.meta.filename}`);

    // Assess
    await expect(options).rejects.toThrow(RdsSettingsInvalid);
    await expect(options).rejects.toThrow(/holds no PEM certificate/);
  });
});
