import { renderMysqlType } from './mysql-type.js';
import type { ColumnDefinition, CommentChange, TableAction, TableChange } from './plan-table.js';
import { quoteIdentifier, quoteQualified } from './quote-identifier.js';
import { quoteString } from './quote-string.js';

/** The character set and collation of everything csv-catalog creates: Korean text included. */
const CHARSET = 'utf8mb4';
const COLLATION = 'utf8mb4_unicode_ci';

/**
 * A comment-only ALTER must not copy the table: with ALGORITHM=INSTANT the server changes
 * metadata only or refuses the statement (MariaDB 10.3+, MySQL 8.0.12+); it never rebuilds.
 */
const METADATA_ONLY = 'ALGORITHM=INSTANT';

export function createDatabaseStatement(database: string): string {
  return `CREATE DATABASE IF NOT EXISTS ${quoteIdentifier(database, 'database')} CHARACTER SET ${CHARSET} COLLATE ${COLLATION}`;
}

/** The one statement that carries out a table action (ALTERs are combined: one rebuild). */
export function tableStatement(database: string, table: string, action: TableAction): string {
  const target = quoteQualified(database, table);
  switch (action.kind) {
    case 'create':
      return `CREATE TABLE IF NOT EXISTS ${target} (${action.columns.map((c) => definition(c)).join(', ')}) DEFAULT CHARSET=${CHARSET} COLLATE=${COLLATION}`;
    case 'alter':
      return `ALTER TABLE ${target} ${action.changes.map(alterClause).join(', ')}`;
    case 'comment':
      return `ALTER TABLE ${target} ${action.changes.map(commentClause).join(', ')}, ${METADATA_ONLY}`;
  }
}

/**
 * The ALTER that adds and widens, in the order to try: metadata only (INSTANT: adding a column
 * at any position, MariaDB 10.4+ and MySQL 8.0.29+), then in place (INPLACE: the table stays
 * readable and writable while it is rebuilt), then whatever the server must do (COPY, for a
 * changed column type). A server refuses an ALGORITHM it cannot honour at once, before it waits
 * for any lock (checked on MariaDB 10.11: error 1846 or 1845).
 */
export function alterAttempts(
  database: string,
  table: string,
  action: Extract<TableAction, { kind: 'alter' }>,
): string[] {
  const statement = tableStatement(database, table, action);
  return [`${statement}, ALGORITHM=INSTANT`, `${statement}, ALGORITHM=INPLACE`, statement];
}

function alterClause(change: TableChange): string {
  if (change.kind === 'modify') {
    return `MODIFY COLUMN ${definition(change, change.notNull)}`;
  }
  const position = change.after === undefined ? 'FIRST' : `AFTER ${quoteIdentifier(change.after)}`;
  return `ADD COLUMN ${definition(change)} ${position}`;
}

function definition(column: ColumnDefinition, notNull = false): string {
  const comment = column.comment ? ` COMMENT ${quoteString(column.comment)}` : '';
  return `${quoteIdentifier(column.name)} ${renderMysqlType(column.type)}${notNull ? ' NOT NULL' : ''}${comment}`;
}

// MySQL's own COLUMN_TYPE restated, so that only the comment differs; '' clears it.
function commentClause(change: CommentChange): string {
  const notNull = change.notNull ? ' NOT NULL' : '';
  return `MODIFY COLUMN ${quoteIdentifier(change.name)} ${change.columnType}${notNull} COMMENT ${quoteString(change.comment)}`;
}
