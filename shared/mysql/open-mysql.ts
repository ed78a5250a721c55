import { checkServerIdentity, TLSSocket } from 'node:tls';
import type { SslOptions } from 'mysql2';
import { type Connection, createConnection } from 'mysql2/promise';
import type { MysqlSettings } from './mysql-settings.js';
import { mysqlSslOptions } from './mysql-ssl-options.js';
import { errorCode, toRdsError } from './rds-errors.js';

export type { Connection as MysqlConnection } from 'mysql2/promise';

/**
 * One connection to MySQL, with TLS as the settings' ssl-mode says (mysql-ssl-options.ts);
 * the caller ends it. No default database is selected: the target database may not exist
 * yet, and every statement names its database.
 */
export async function openMysql(settings: MysqlSettings): Promise<Connection> {
  const endpoint = `${settings.host}:${settings.port}`;
  const context = { endpoint, sslMode: settings.sslMode ?? 'DISABLED', sslCa: settings.sslCa };
  try {
    const ssl = await mysqlSslOptions(settings);
    const connection = await connectOrPlain(settings, ssl);
    if (settings.sslMode === 'VERIFY_IDENTITY') verifyServerIdentity(connection, settings.host);
    return connection;
  } catch (error) {
    throw toRdsError(error, context);
  }
}

/** PREFERRED, as the mysql client has it: TLS when the server offers it, else plain text. */
async function connectOrPlain(
  settings: MysqlSettings,
  ssl: SslOptions | undefined,
): Promise<Connection> {
  try {
    return await connect(settings, ssl);
  } catch (error) {
    const noTls = error instanceof Error && errorCode(error) === 'HANDSHAKE_NO_SSL_SUPPORT';
    if (settings.sslMode !== 'PREFERRED' || !noTls) {
      throw error;
    }
    return await connect(settings, undefined);
  }
}

async function connect(settings: MysqlSettings, ssl: SslOptions | undefined): Promise<Connection> {
  const connection = await createConnection({
    host: settings.host,
    port: settings.port,
    user: settings.user,
    password: settings.password,
    connectTimeout: 5_000,
    multipleStatements: false,
    charset: 'UTF8MB4_UNICODE_CI',
    ...(ssl ? { ssl } : {}),
  });
  // A connection that dies while idle emits 'error'; unheard, it would crash the process.
  // The next query fails with its own error, which is mapped where it is run.
  connection.on('error', () => {});
  return connection;
}

/**
 * The host name check of VERIFY_IDENTITY, for the hosts mysql2 does not check right (an IP
 * address: mysql-ssl-options.ts); harmless for the others, which mysql2 has checked. It
 * comes after the login, so the password went to a server whose certificate the CA signed
 * for another name: a mistake to refuse, not a stranger (the chain was verified first).
 */
function verifyServerIdentity(connection: Connection, host: string): void {
  // The promise wrapper's core connection, whose socket mysql2 swapped for the TLS one;
  // neither is in mysql2's typings.
  const core = (connection as unknown as { connection?: { stream?: unknown } }).connection;
  const stream = core?.stream;
  const mismatch =
    stream instanceof TLSSocket
      ? checkServerIdentity(host, stream.getPeerCertificate())
      : new Error('the connection is not encrypted');
  if (mismatch) {
    connection.destroy();
    throw Object.assign(mismatch, { code: 'HANDSHAKE_SSL_ERROR', fatal: true });
  }
}
