import type { Connection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { toRdsError } from './rds-errors.js';

/** What the DDL code needs from a connection (a mysql2 Connection or Pool). */
export type MysqlQueryable = Pick<Connection, 'query'>;

/** Runs one DDL statement; server errors become RdsStatementFailed carrying the statement. */
export async function runStatement(
  connection: MysqlQueryable,
  statement: string,
): Promise<ResultSetHeader> {
  try {
    const [result] = await connection.query<ResultSetHeader>(statement);
    return result;
  } catch (error) {
    throw toRdsError(error, { statement });
  }
}

/** Runs a read with ? placeholders (values are escaped by the driver). */
export async function selectRows(
  connection: MysqlQueryable,
  sql: string,
  values: readonly unknown[],
): Promise<RowDataPacket[]> {
  try {
    const [rows] = await connection.query<RowDataPacket[]>(sql, [...values]);
    return rows;
  } catch (error) {
    throw toRdsError(error, { statement: sql });
  }
}
