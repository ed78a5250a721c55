import { resolve } from 'node:path';
import { RdsSettingsInvalid } from '../errors.js';

/**
 * How a connection uses TLS, as the mysql client's `--ssl-mode` names it
 * (https://dev.mysql.com/doc/refman/8.0/en/connection-options.html#option_general_ssl-mode).
 */
export const SSL_MODES = [
  'DISABLED',
  'PREFERRED',
  'REQUIRED',
  'VERIFY_CA',
  'VERIFY_IDENTITY',
] as const;
export type SslMode = (typeof SSL_MODES)[number];

/** How a connection uses TLS; `ca` is the absolute path of a PEM file (ssl-ca). */
export interface TlsSettings {
  readonly sslMode: SslMode;
  readonly sslCa?: string;
}

/** The modes that check the server's certificate against a CA (ssl-ca or the default CAs). */
export function verifiesCertificate(mode: SslMode | undefined): boolean {
  return mode === 'VERIFY_CA' || mode === 'VERIFY_IDENTITY';
}

/**
 * The TLS settings given as ssl-mode and ssl-ca (in a MySQL URL or an RDS secret), checked.
 * The mode is read in any case; without one, an ssl-ca alone means VERIFY_CA (a CA is given
 * to be checked), else `defaultMode`. An ssl-ca with a mode that checks no certificate is
 * refused: it would be silently ignored. A relative ssl-ca is taken from the working folder,
 * as the mysql client does, and kept absolute so that a recorded target means the same file.
 */
export function tlsSettingsOf(
  given: { sslMode?: string | undefined; sslCa?: string | undefined },
  defaultMode: SslMode,
  where: string,
): TlsSettings {
  const sslCa = given.sslCa === undefined ? undefined : given.sslCa.trim();
  if (sslCa === '') throw new RdsSettingsInvalid(`${where}: ssl-ca is empty (a PEM file's path)`);
  const sslMode =
    given.sslMode === undefined
      ? sslCa === undefined
        ? defaultMode
        : 'VERIFY_CA'
      : sslModeOf(given.sslMode, where);
  if (sslCa === undefined) return { sslMode };
  if (!verifiesCertificate(sslMode)) {
    throw new RdsSettingsInvalid(
      `${where}: ssl-ca is given with ssl-mode=${sslMode}, which checks no certificate: use ssl-mode=VERIFY_IDENTITY (or VERIFY_CA) to check the server against it, or leave ssl-ca out`,
    );
  }
  return { sslMode, sslCa: resolve(sslCa) };
}

function sslModeOf(value: string, where: string): SslMode {
  const mode = SSL_MODES.find((m) => m === value.trim().toUpperCase());
  if (!mode) {
    throw new RdsSettingsInvalid(
      `${where}: ssl-mode ${JSON.stringify(value)} is not one of ${SSL_MODES.join(', ')}`,
    );
  }
  return mode;
}
