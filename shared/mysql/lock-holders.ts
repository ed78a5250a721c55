import type { RowDataPacket } from 'mysql2/promise';
import type { MysqlQueryable } from './run-statement.js';

/**
 * Who holds a table's metadata lock, in words, as far as the server can tell; undefined when
 * it cannot (no privilege, nothing found). MySQL 8 (and MariaDB with performance_schema on)
 * names the sessions holding the lock; otherwise the sessions with an open InnoDB transaction
 * are the suspects (a transaction holds the lock of every table it has read until it ends).
 * Best effort: a failing look-up never hides the lock timeout itself.
 */
export async function describeLockHolders(
  connection: MysqlQueryable,
  database: string,
  table: string,
): Promise<string | undefined> {
  const holders = await rows(
    connection,
    `SELECT t.PROCESSLIST_ID AS id, t.PROCESSLIST_USER AS user, t.PROCESSLIST_HOST AS host,
       t.PROCESSLIST_COMMAND AS command, t.PROCESSLIST_TIME AS seconds, t.PROCESSLIST_INFO AS info
     FROM performance_schema.metadata_locks m
     JOIN performance_schema.threads t ON t.THREAD_ID = m.OWNER_THREAD_ID
     WHERE m.OBJECT_TYPE = 'TABLE' AND m.OBJECT_SCHEMA = ? AND m.OBJECT_NAME = ?
       AND m.LOCK_STATUS = 'GRANTED' AND t.PROCESSLIST_ID <> CONNECTION_ID()
     LIMIT 5`,
    [database, table],
  );
  if (holders.length > 0) return `held by ${holders.map(session).join('; ')}`;
  const suspects = await rows(
    connection,
    `SELECT p.ID AS id, p.USER AS user, p.HOST AS host, p.COMMAND AS command, p.TIME AS seconds,
       p.INFO AS info, x.trx_started AS started
     FROM information_schema.INNODB_TRX x
     JOIN information_schema.PROCESSLIST p ON p.ID = x.trx_mysql_thread_id
     WHERE p.ID <> CONNECTION_ID()
     ORDER BY x.trx_started
     LIMIT 5`,
    [],
  );
  if (suspects.length === 0) return undefined;
  return `open transactions that may hold it: ${suspects.map(session).join('; ')}`;
}

async function rows(
  connection: MysqlQueryable,
  sql: string,
  values: unknown[],
): Promise<RowDataPacket[]> {
  try {
    const [found] = await connection.query<RowDataPacket[]>(sql, values);
    return Array.isArray(found) ? found : [];
  } catch {
    return [];
  }
}

function session(row: RowDataPacket): string {
  const started = row.started instanceof Date ? `, transaction since ${iso(row.started)}` : '';
  const info = typeof row.info === 'string' && row.info ? `, running ${clip(row.info)}` : '';
  const command = row.command ? `, ${String(row.command)} for ${Number(row.seconds)} s` : '';
  return `session ${String(row.id)} (${String(row.user)}@${String(row.host)}${command}${started}${info}; end it with COMMIT or KILL ${String(row.id)})`;
}

function iso(date: Date): string {
  return Number.isNaN(date.getTime()) ? String(date) : date.toISOString();
}

function clip(statement: string): string {
  const flat = statement.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 119)}…` : flat;
}
