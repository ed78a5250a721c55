import { renderMysqlType } from './mysql-type.js';
import type { TableAction, TableChange } from './plan-table.js';
import { quoteIdentifier, quoteQualified } from './quote-identifier.js';

/** The character set and collation of everything csv-catalog creates: Korean text included. */
const CHARSET = 'utf8mb4';
const COLLATION = 'utf8mb4_unicode_ci';

export function createDatabaseStatement(database: string): string {
  return `CREATE DATABASE IF NOT EXISTS ${quoteIdentifier(database, 'database')} CHARACTER SET ${CHARSET} COLLATE ${COLLATION}`;
}

/** The one statement that carries out a table action (ALTERs are combined: one rebuild). */
export function tableStatement(database: string, table: string, action: TableAction): string {
  const target = quoteQualified(database, table);
  if (action.kind === 'create') {
    const columns = action.columns.map(
      (c) => `${quoteIdentifier(c.name)} ${renderMysqlType(c.type)}`,
    );
    return `CREATE TABLE IF NOT EXISTS ${target} (${columns.join(', ')}) DEFAULT CHARSET=${CHARSET} COLLATE=${COLLATION}`;
  }
  return `ALTER TABLE ${target} ${action.changes.map(alterClause).join(', ')}`;
}

function alterClause(change: TableChange): string {
  const definition = `${quoteIdentifier(change.name)} ${renderMysqlType(change.type)}`;
  if (change.kind === 'modify') {
    return `MODIFY COLUMN ${definition}${change.notNull ? ' NOT NULL' : ''}`;
  }
  const position = change.after === undefined ? 'FIRST' : `AFTER ${quoteIdentifier(change.after)}`;
  return `ADD COLUMN ${definition} ${position}`;
}
