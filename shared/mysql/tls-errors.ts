import { RdsSettingsInvalid, RdsUnavailable } from '../errors.js';
import { DEFAULT_CAS_DESCRIPTION } from './mysql-ssl-options.js';
import type { SslMode } from './ssl-mode.js';

/** How the failed connection used TLS, for the way out a cause suggests. */
export interface TlsContext {
  /** host:port. */
  endpoint?: string;
  sslMode?: SslMode;
  sslCa?: string;
}

const TURN_TLS_ON =
  'add ssl-mode=REQUIRED to the MySQL URL (or ssl-mode=VERIFY_IDENTITY&ssl-ca=<the CA PEM file> to check the server too; in an RDS secret, the ssl-mode and ssl-ca fields)';

/** What Node says of a certificate it refuses (its messages, as mysql2 overwrites the code). */
const certificateProblem = /certificate|self[- ]signed|altnames|issuer|expired/i;

/**
 * A TLS failure as a named error whose cause says what to change, or undefined when the
 * error is no TLS failure. mysql2 reports every failed handshake as HANDSHAKE_SSL_ERROR with
 * Node's message: a refused certificate is a setting to fix (not retried); anything else (a
 * reset mid-handshake) is the network, retried as RdsUnavailable.
 */
export function tlsRefusal(error: Error, code: string | undefined, context: TlsContext) {
  const where = context.endpoint ? ` at ${context.endpoint}` : '';
  const mode = context.sslMode ?? 'DISABLED';
  if (code === 'ER_SECURE_TRANSPORT_REQUIRED') {
    return new RdsSettingsInvalid(
      `MySQL${where} requires secure transport (TLS), and ssl-mode=${mode} connects without it: ${TURN_TLS_ON}`,
    );
  }
  if (code === 'HANDSHAKE_NO_SSL_SUPPORT') {
    return new RdsSettingsInvalid(
      `MySQL${where} offers no TLS, and ssl-mode=${mode} requires it: give the server a certificate (ssl_cert, ssl_key), or use ssl-mode=PREFERRED to connect in plain text where it has none`,
    );
  }
  if (code !== 'HANDSHAKE_SSL_ERROR') return undefined;
  if (!certificateProblem.test(error.message)) {
    return new RdsUnavailable(`MySQL${where}: the TLS handshake failed: ${error.message}`, {
      cause: error,
    });
  }
  if (/altnames/i.test(error.message)) {
    return new RdsSettingsInvalid(
      `MySQL${where}: TLS refused the server's certificate, which is not for this host (ssl-mode=VERIFY_IDENTITY checks the name): ${error.message}. Connect by a name the certificate holds, or use ssl-mode=VERIFY_CA to check only the CA`,
    );
  }
  const against = context.sslCa ? `ssl-ca=${context.sslCa}` : DEFAULT_CAS_DESCRIPTION;
  return new RdsSettingsInvalid(
    `MySQL${where}: TLS could not verify the server's certificate against ${against} (ssl-mode=${mode}): ${error.message}. Give the CA that signed it with ssl-ca=<its PEM file> (for RDS, AWS's global-bundle.pem)`,
  );
}

/**
 * What to try when a server denies a login made without TLS: MariaDB answers a client
 * without TLS under require_secure_transport with "Access denied" (1045), not MySQL's 3159
 * (local/README.md), so the denial may be the missing TLS. Empty when the login used TLS, or for
 * errors that were no login (no sslMode in the context).
 */
export function secureTransportHint(context: TlsContext): string {
  if (context.sslMode !== 'DISABLED') return '';
  return ` — if the server requires secure transport (require_secure_transport=ON; MariaDB then denies a login without TLS with this error), ${TURN_TLS_ON}`;
}
