import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  RdsAccessDenied,
  RdsSettingsInvalid,
  RdsStatementFailed,
  RdsUnavailable,
} from '../../shared/errors.js';
import { makeMysqlSettings } from '../../shared/mysql/mysql-settings.js';
import { openMysql } from '../../shared/mysql/open-mysql.js';
import { toRdsError } from '../../shared/mysql/rds-errors.js';
import { runStatement } from '../../shared/mysql/run-statement.js';
import { testMysqlSettings } from './test-database.js';

/** A loopback port nobody listens on: bound by us, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function socketError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 10.0.0.1:3306`), { code, fatal: true });
}

describe('RDS errors', () => {
  it('reports a closed port as RdsUnavailable, without the password', async () => {
    // Prepare
    const password = 'hunter2-closed-port';
    const settings = makeMysqlSettings({
      host: '127.0.0.1',
      port: await closedPort(),
      user: 'root',
      password,
      database: 'csv_catalog',
    });

    // Act
    const error = await openMysql(settings).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(RdsUnavailable);
    expect(error).toMatchObject({ name: 'RdsUnavailable' });
    expect((error as Error).message).toContain(`127.0.0.1:${settings.port}`);
    expect((error as Error).message).toContain('ECONNREFUSED');
    expect(JSON.stringify(error)).not.toContain(password);
    expect((error as Error).message).not.toContain(password);
  });

  it('reports a wrong password as RdsAccessDenied, without the password', async () => {
    // Prepare
    const password = 'wrong-password-for-sure';
    const settings = makeMysqlSettings({ ...testMysqlSettings(), password });

    // Act
    const error = await openMysql(settings).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(RdsAccessDenied);
    expect((error as Error).message).toMatch(/denied access: Access denied for user/);
    expect((error as Error).message).not.toContain(password);
  });

  it('reports a rejected statement as RdsStatementFailed carrying the statement', async () => {
    // Prepare
    const connection = await openMysql(testMysqlSettings());
    const statement = 'CREATE TABLE `csv_catalog_no_such_db_x`.`t` (a INT)';

    // Act
    const error = await runStatement(connection, statement).catch((e: unknown) => e);
    await connection.end();

    // Assess
    expect(error).toBeInstanceOf(RdsStatementFailed);
    expect(error).toMatchObject({ name: 'RdsStatementFailed', statement, code: 'ER_BAD_DB_ERROR' });
    expect((error as Error).message).toBe(
      `ER_BAD_DB_ERROR: Unknown database 'csv_catalog_no_such_db_x' — statement: ${statement}`,
    );
  });

  it.each(['ECONNREFUSED', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'PROTOCOL_CONNECTION_LOST'])(
    'classifies %s as RdsUnavailable',
    (code) => {
      // Act
      const error = toRdsError(socketError(code), { endpoint: 'db:3306' });

      // Assess
      expect(error).toBeInstanceOf(RdsUnavailable);
      expect((error as Error).message).toMatch(/^MySQL at db:3306 is unavailable: /);
      // The cause an execution fails with past its retries says what to do.
      expect((error as Error).message).toMatch(
        /\. Start it or fix the network path to it; .* a redrive of a failed execution \(`csv-catalog replay <execution>`\) resumes at that step$/,
      );
    },
  );

  it('classifies an AggregateError of refused addresses as RdsUnavailable', () => {
    // Prepare
    const aggregate = new AggregateError([
      socketError('ECONNREFUSED'),
      socketError('ECONNREFUSED'),
    ]);

    // Act
    const error = toRdsError(aggregate, { endpoint: 'localhost:3306' });

    // Assess
    expect(error).toBeInstanceOf(RdsUnavailable);
  });

  it('classifies an unknown host as a settings problem, not a retryable one', () => {
    // Act
    const error = toRdsError(socketError('ENOTFOUND'), { endpoint: 'typo:3306' });

    // Assess
    expect(error).toBeInstanceOf(RdsSettingsInvalid);
  });

  it("refuses MySQL's 3159 (secure transport required) suggesting ssl-mode", () => {
    // Prepare: MySQL 8 (RDS) says 3159 where MariaDB says 1045
    const refused = Object.assign(
      new Error(
        'Connections using insecure transport are prohibited while --require_secure_transport=ON.',
      ),
      { code: 'ER_SECURE_TRANSPORT_REQUIRED', errno: 3159, sqlMessage: 'prohibited', fatal: true },
    );

    // Act
    const error = toRdsError(refused, { endpoint: 'db:3306', sslMode: 'DISABLED' });

    // Assess
    expect(error).toBeInstanceOf(RdsSettingsInvalid);
    expect((error as Error).message).toBe(
      'MySQL at db:3306 requires secure transport (TLS), and ssl-mode=DISABLED connects without it: add ssl-mode=REQUIRED to the MySQL URL (or ssl-mode=VERIFY_IDENTITY&ssl-ca=<the CA PEM file> to check the server too; in an RDS secret, the ssl-mode and ssl-ca fields)',
    );
  });

  it.each([
    'Client network socket disconnected before secure TLS connection was established',
    'read ECONNRESET',
  ])('retries a handshake the network broke (%s) as RdsUnavailable', (message) => {
    // Prepare: mysql2 gives every failed handshake this code, Node's message kept
    const broken = Object.assign(new Error(message), { code: 'HANDSHAKE_SSL_ERROR', fatal: true });

    // Act
    const error = toRdsError(broken, { endpoint: 'db:3306', sslMode: 'REQUIRED' });

    // Assess
    expect(error).toBeInstanceOf(RdsUnavailable);
    expect((error as Error).message).toBe(`MySQL at db:3306: the TLS handshake failed: ${message}`);
  });

  it('suggests ssl-mode on "Access denied" only for a login made without TLS', () => {
    // Prepare
    const denied = () =>
      Object.assign(new Error("Access denied for user 'u'@'h'"), {
        code: 'ER_ACCESS_DENIED_ERROR',
        errno: 1045,
        sqlMessage: "Access denied for user 'u'@'h'",
      });

    // Act
    const [plain, encrypted, statement] = [
      toRdsError(denied(), { endpoint: 'db:3306', sslMode: 'DISABLED' }),
      toRdsError(denied(), { endpoint: 'db:3306', sslMode: 'VERIFY_IDENTITY' }),
      toRdsError(denied(), { statement: 'SELECT 1' }),
    ] as Error[];

    // Assess
    expect(plain?.message).toMatch(
      / — if the server requires secure transport .*add ssl-mode=REQUIRED/,
    );
    expect(encrypted?.message).toBe(
      "MySQL at db:3306 denied access: Access denied for user 'u'@'h'",
    );
    expect(statement?.message).not.toMatch(/ssl-mode/);
  });

  it('leaves errors that are not MySQL errors unchanged', () => {
    // Prepare
    const bug = new TypeError('x is not a function');

    // Act
    const error = toRdsError(bug, { statement: 'SELECT 1' });

    // Assess
    expect(error).toBe(bug);
  });
});
