import type { RowDataPacket } from 'mysql2/promise';
import { RdsSchemaInvalid } from '../errors.js';
import { type MysqlType, parseMysqlType } from './mysql-type.js';
import { type MysqlQueryable, selectRows } from './run-statement.js';
import { OFF_PAGE_COLUMN_BYTES, variableColumnPageBytes } from './table-width.js';

/** A column as MySQL has it, with what MODIFY COLUMN would need to keep. */
export interface ExistingColumn {
  name: string;
  type: MysqlType;
  /** The type exactly as MySQL reports it (COLUMN_TYPE), restated when only the comment changes. */
  columnType: string;
  notNull: boolean;
  /** Its COMMENT ('' for none): csv-catalog restates it in every MODIFY, so it is no obstacle. */
  comment: string;
  /** Why MODIFY COLUMN would lose something (a default, a key, …); undefined when plain. */
  unchangeable?: string;
}

export interface ExistingTable {
  columns: ExistingColumn[];
}

/** Reads a table's columns from INFORMATION_SCHEMA; undefined when there is no such table. */
export async function readExistingTable(
  connection: MysqlQueryable,
  database: string,
  table: string,
): Promise<ExistingTable | undefined> {
  const tables = await selectRows(
    connection,
    'SELECT TABLE_TYPE AS tableType, TABLE_COLLATION AS collation FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?',
    [database, table],
  );
  const found = tables[0];
  if (!found) return undefined;
  if (found.tableType !== 'BASE TABLE') {
    throw new RdsSchemaInvalid(`${database}.${table} exists as a ${found.tableType}, not a table`);
  }
  const rows = await selectRows(
    connection,
    `SELECT COLUMN_NAME AS name, COLUMN_TYPE AS columnType, DATA_TYPE AS dataType,
       CHARACTER_OCTET_LENGTH AS octets, IS_NULLABLE AS nullable, COLUMN_DEFAULT AS defaultValue,
       EXTRA AS extra, COLUMN_KEY AS columnKey, COLUMN_COMMENT AS comment, COLLATION_NAME AS collation
     FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?
     ORDER BY ORDINAL_POSITION`,
    [database, table],
  );
  return { columns: rows.map((row) => existingColumn(row, found.collation)) };
}

function existingColumn(row: RowDataPacket, tableCollation: unknown): ExistingColumn {
  const columnType = String(row.columnType);
  const column: ExistingColumn = {
    name: String(row.name),
    type: parseMysqlType(columnType) ?? otherType(row, columnType),
    columnType,
    notNull: row.nullable === 'NO',
    comment: typeof row.comment === 'string' ? row.comment : '',
  };
  const unchangeable = unchangeableReason(row, tableCollation);
  if (unchangeable) column.unchangeable = unchangeable;
  return column;
}

// MODIFY COLUMN restates a column whole: anything beyond type, NULL-ness and the comment (which
// csv-catalog always restates) would be lost.
function unchangeableReason(row: RowDataPacket, tableCollation: unknown): string | undefined {
  if (row.columnKey) return 'is part of an index or key';
  if (row.extra) return `has ${String(row.extra)}`;
  if (row.defaultValue !== null && row.defaultValue !== 'NULL') return 'has a default value';
  if (row.collation && row.collation !== tableCollation) return 'has its own collation';
  return undefined;
}

function otherType(row: RowDataPacket, columnType: string): MysqlType {
  const dataType = String(row.dataType);
  const octets = Number(row.octets);
  // BLOBs count like TEXT; other sized types by their bytes; the rest at most a BIGINT.
  let rowBytes = 8;
  let pageBytes = 8;
  if (dataType.endsWith('blob')) {
    rowBytes = 12;
    pageBytes = OFF_PAGE_COLUMN_BYTES;
  } else if (Number.isFinite(octets) && octets > 0) {
    rowBytes = octets + 2;
    pageBytes = variableColumnPageBytes(octets);
  }
  return { kind: 'other', sql: columnType, rowBytes, pageBytes };
}
