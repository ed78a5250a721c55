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

  it('leaves errors that are not MySQL errors unchanged', () => {
    // Prepare
    const bug = new TypeError('x is not a function');

    // Act
    const error = toRdsError(bug, { statement: 'SELECT 1' });

    // Assess
    expect(error).toBe(bug);
  });
});
