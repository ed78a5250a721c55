import { describe, expect, it } from 'vitest';
import { type MysqlType, parseMysqlType } from '../../shared/mysql/mysql-type.js';
import { compareTypes } from '../../shared/mysql/type-comparison.js';

function type(sql: string): MysqlType {
  return parseMysqlType(sql) ?? { kind: 'other', sql, rowBytes: 8, pageBytes: 8 };
}

describe('compareTypes(existing, desired)', () => {
  it.each([
    ['varchar(255)', 'VARCHAR(255)', 'same'],
    ['int(11)', 'INT', 'same'],
    ['tinyint(1)', 'BOOLEAN', 'same'],
    ['tinyint(4)', 'BOOLEAN', 'same'],
    ['longtext', 'JSON', 'same'],
    ['text', 'VARCHAR(255)', 'same'],
    ['mediumtext', 'TEXT', 'same'],
    ['varchar(255)', 'TEXT', 'widen'],
    ['varchar(100)', 'VARCHAR(255)', 'widen'],
    ['int(11)', 'BIGINT', 'widen'],
    ['int(10) unsigned', 'BIGINT', 'widen'],
    ['smallint(6)', 'INT', 'widen'],
    ['float', 'DOUBLE', 'widen'],
    ['decimal(10,2)', 'DECIMAL(12,2)', 'widen'],
    ['decimal(10,2)', 'DECIMAL(12,4)', 'widen'],
    ['date', 'DATETIME', 'widen'],
    ['char(3)', 'VARCHAR(10)', 'widen'],
    ['text', 'MEDIUMTEXT', 'widen'],
    ['bigint(20)', 'INT', 'narrower'],
    ['double', 'FLOAT', 'narrower'],
    ['varchar(255)', 'VARCHAR(40)', 'narrower'],
    ['decimal(12,4)', 'DECIMAL(10,2)', 'narrower'],
    ['datetime', 'DATE', 'narrower'],
    ['decimal(10,2)', 'DECIMAL(10,4)', 'different'],
    ['int(10) unsigned', 'INT', 'different'],
    ['int(11)', 'VARCHAR(255)', 'different'],
    ['varchar(255)', 'INT', 'different'],
    ['text', 'JSON', 'different'],
    ['timestamp', 'DATETIME', 'different'],
    ['varchar(10)', 'CHAR(3)', 'narrower'],
    ['varchar(3)', 'CHAR(10)', 'different'],
    ["enum('a')", 'VARCHAR(255)', 'different'],
  ])('%s in MySQL, %s asked: %s', (existing, desired, expected) => {
    // Act
    const comparison = compareTypes(type(existing), type(desired));

    // Assess
    expect(comparison).toBe(expected);
  });
});
