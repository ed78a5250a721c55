import { type Connection, createConnection } from 'mysql2/promise';
import type { MysqlSettings } from './mysql-settings.js';
import { toRdsError } from './rds-errors.js';

export type { Connection as MysqlConnection } from 'mysql2/promise';

/**
 * One connection to MySQL; the caller ends it. No default database is selected: the target
 * database may not exist yet, and every statement names its database.
 */
export async function openMysql(settings: MysqlSettings): Promise<Connection> {
  const endpoint = `${settings.host}:${settings.port}`;
  try {
    const connection = await createConnection({
      host: settings.host,
      port: settings.port,
      user: settings.user,
      password: settings.password,
      connectTimeout: 5_000,
      multipleStatements: false,
      charset: 'UTF8MB4_UNICODE_CI',
    });
    // A connection that dies while idle emits 'error'; unheard, it would crash the process.
    // The next query fails with its own error, which is mapped where it is run.
    connection.on('error', () => {});
    return connection;
  } catch (error) {
    throw toRdsError(error, { endpoint });
  }
}
