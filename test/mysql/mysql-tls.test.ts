import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RdsAccessDenied, RdsSettingsInvalid } from '../../shared/errors.js';
import { mysqlSettingsFromUrl } from '../../shared/mysql/mysql-settings.js';
import { type MysqlConnection, openMysql } from '../../shared/mysql/open-mysql.js';
import { SAMPLES, tempDir } from '../local/local-test-support.js';
import { runCliInProcess } from '../support/run-cli.js';
import { testMysqlSettings } from './test-database.js';
import { startTlsMariadb, type TlsMariadb } from './tls-mariadb.js';

/** The TLS version a connection uses; '' when it is plain text. */
async function tlsVersionOf(connection: MysqlConnection): Promise<string> {
  const [rows] = await connection.query<RowDataPacket[]>("SHOW STATUS LIKE 'Ssl_version'");
  await connection.end();
  return String(rows[0]?.Value ?? '');
}

async function failureOf(url: string): Promise<Error> {
  const connection = await openMysql(mysqlSettingsFromUrl(url)).catch((e: unknown) => e);
  if (!(connection instanceof Error)) {
    await (connection as MysqlConnection).end();
    throw new Error(`connected to ${url}, expected a refusal`);
  }
  return connection;
}

/** Issue [7/10]: RDS may require secure transport; ssl-mode and ssl-ca as the mysql client. */
describe('MySQL TLS against a MariaDB with --require-secure-transport=ON', () => {
  let server: TlsMariadb;

  beforeAll(async () => {
    server = await startTlsMariadb();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('connects with VERIFY_IDENTITY and the CA that signed the server', async () => {
    // Prepare
    const url = server.url(`ssl-mode=VERIFY_IDENTITY&ssl-ca=${server.caPath}`);

    // Act
    const version = await tlsVersionOf(await openMysql(mysqlSettingsFromUrl(url)));

    // Assess
    expect(version).toMatch(/^TLSv1\.[23]$/);
  });

  it.each([
    ['VERIFY_CA with its CA', (s: TlsMariadb) => `ssl-mode=verify_ca&ssl-ca=${s.caPath}`],
    ['REQUIRED, checking nothing', () => 'ssl-mode=Required'],
    ['PREFERRED, the server offering TLS', () => 'ssl-mode=PREFERRED'],
  ])('connects encrypted with %s', async (_case, query) => {
    // Act
    const version = await tlsVersionOf(
      await openMysql(mysqlSettingsFromUrl(server.url(query(server)))),
    );

    // Assess
    expect(version).toMatch(/^TLSv1\.[23]$/);
  });

  it('checks the host name with VERIFY_IDENTITY only, an IP address included', async () => {
    // Prepare: 127.0.0.2 reaches the same server; its certificate names 127.0.0.1 and localhost
    const query = `ssl-ca=${server.caPath}&ssl-mode=`;
    const at = { host: '127.0.0.2' };

    // Act
    const refused = await failureOf(server.url(`${query}VERIFY_IDENTITY`, at));
    const caOnly = await openMysql(mysqlSettingsFromUrl(server.url(`${query}VERIFY_CA`, at)));

    // Assess
    expect(refused).toBeInstanceOf(RdsSettingsInvalid);
    expect(refused.message).toMatch(
      /^MySQL at 127\.0\.0\.2:\d+: TLS refused the server's certificate, which is not for this host .*127\.0\.0\.2.*ssl-mode=VERIFY_CA/,
    );
    expect(await tlsVersionOf(caOnly)).toMatch(/^TLSv1/);
  });

  it('refuses a certificate the given CA did not sign, saying TLS, the certificate and ssl-ca', async () => {
    // Act
    const error = await failureOf(
      server.url(`ssl-mode=VERIFY_IDENTITY&ssl-ca=${server.otherCaPath}`),
    );

    // Assess
    expect(error).toBeInstanceOf(RdsSettingsInvalid);
    expect(error.message).toBe(
      `MySQL at 127.0.0.1:${server.port}: TLS could not verify the server's certificate against ssl-ca=${server.otherCaPath} (ssl-mode=VERIFY_IDENTITY): self-signed certificate in certificate chain. Give the CA that signed it with ssl-ca=<its PEM file> (for RDS, AWS's global-bundle.pem)`,
    );
  });

  it('refuses a private CA without ssl-ca: the defaults are the RDS CAs and public roots', async () => {
    // Act
    const error = await failureOf(server.url('ssl-mode=VERIFY_CA'));

    // Assess
    expect(error).toBeInstanceOf(RdsSettingsInvalid);
    expect(error.message).toContain(
      "against the Amazon RDS CAs and Node's public roots (no ssl-ca) (ssl-mode=VERIFY_CA)",
    );
  });

  it('explains the "Access denied" MariaDB gives a client without TLS: add ssl-mode', async () => {
    // Act
    const error = await failureOf(server.url('ssl-mode=DISABLED'));

    // Assess: MariaDB 10.11 answers 1045, not MySQL's 3159 (local/README.md)
    expect(error).toBeInstanceOf(RdsAccessDenied);
    expect((error.cause as { errno?: number }).errno).toBe(1045);
    expect(error.message).toMatch(
      /denied access: Access denied for user 'root'@'localhost' \(using password: NO\) — if the server requires secure transport \(require_secure_transport=ON; .*\), add ssl-mode=REQUIRED to the MySQL URL \(or ssl-mode=VERIFY_IDENTITY&ssl-ca=/,
    );
  });

  it('refuses an ssl-ca that cannot be read, naming it', async () => {
    // Prepare
    const missing = join(server.caPath, '..', '인증서-없음.pem');

    // Act
    const error = await failureOf(
      server.url(`ssl-mode=VERIFY_CA&ssl-ca=${encodeURIComponent(missing)}`),
    );

    // Assess
    expect(error).toBeInstanceOf(RdsSettingsInvalid);
    expect(error.message).toMatch(/^ssl-ca \S+인증서-없음\.pem cannot be read \(ENOENT\)/);
  });

  it('local run --mysql-url …?ssl-mode=VERIFY_IDENTITY&ssl-ca=… creates the tables and records the TLS', async () => {
    // Prepare
    const dir = await tempDir('tls-run');
    const database = 'csv_catalog_tls_학교';
    const url = server.url(`ssl-mode=VERIFY_IDENTITY&ssl-ca=${server.caPath}`, {
      database: encodeURIComponent(database),
    });

    try {
      // Act
      const run = await runCliInProcess([
        'local',
        'run',
        '--json',
        '--dir',
        dir.path,
        '--mysql-url',
        url,
        join(SAMPLES, 'SCHOOL_TEACHER_202508291512.csv'),
      ]);
      const connection = await openMysql(mysqlSettingsFromUrl(url));
      const [rows] = await connection.query<RowDataPacket[]>(
        'SELECT TABLE_NAME AS name FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ?',
        [database],
      );
      await connection.end();
      const recorded = JSON.parse(await readFile(join(dir.path, 'stack-settings.json'), 'utf8'));

      // Assess
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(0);
      expect(rows.map((r) => r.name)).toEqual(['school_teacher']);
      expect(recorded.mysql).toEqual({
        host: '127.0.0.1',
        port: server.port,
        user: 'root',
        database,
        sslMode: 'VERIFY_IDENTITY',
        sslCa: server.caPath,
      });
    } finally {
      await dir.remove();
    }
  });
});

describe('MySQL TLS against the test MariaDB, which offers none', () => {
  const plain = testMysqlSettings();
  const credentials = plain.password
    ? `${plain.user}:${encodeURIComponent(plain.password)}`
    : plain.user;
  const urlWith = (query: string) =>
    `mysql://${credentials}@${plain.host}:${plain.port}/${plain.database}?${query}`;

  it('connects in plain text with PREFERRED, as the mysql client does', async () => {
    // Act
    const version = await tlsVersionOf(
      await openMysql(mysqlSettingsFromUrl(urlWith('ssl-mode=PREFERRED'))),
    );

    // Assess
    expect(version).toBe('');
  });

  it('refuses REQUIRED, saying the server offers no TLS', async () => {
    // Act
    const error = await failureOf(urlWith('ssl-mode=REQUIRED'));

    // Assess
    expect(error).toBeInstanceOf(RdsSettingsInvalid);
    expect(error.message).toBe(
      `MySQL at ${plain.host}:${plain.port} offers no TLS, and ssl-mode=REQUIRED requires it: give the server a certificate (ssl_cert, ssl_key), or use ssl-mode=PREFERRED to connect in plain text where it has none`,
    );
  });
});
