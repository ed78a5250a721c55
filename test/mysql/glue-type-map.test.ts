import { describe, expect, it } from 'vitest';
import { RdsSchemaInvalid } from '../../shared/errors.js';
import { mysqlTypeForColumn } from '../../shared/mysql/glue-type-map.js';
import { parseMysqlType, renderMysqlType } from '../../shared/mysql/mysql-type.js';

function mapped(type: string, overrides?: Record<string, string>): string {
  return renderMysqlType(mysqlTypeForColumn({ name: 'c', type }, overrides));
}

describe('mysqlTypeForColumn', () => {
  it.each([
    ['string', 'VARCHAR(255)'],
    ['bigint', 'BIGINT'],
    ['int', 'INT'],
    ['smallint', 'SMALLINT'],
    ['tinyint', 'TINYINT'],
    ['double', 'DOUBLE'],
    ['float', 'FLOAT'],
    ['boolean', 'BOOLEAN'],
    ['timestamp', 'DATETIME'],
    ['date', 'DATE'],
    ['decimal(10,2)', 'DECIMAL(10,2)'],
    ['decimal(38, 10)', 'DECIMAL(38,10)'],
    ['decimal', 'DECIMAL(10,0)'],
    ['char(3)', 'CHAR(3)'],
    ['varchar(40)', 'VARCHAR(40)'],
    ['varchar(65535)', 'MEDIUMTEXT'],
    ['array<string>', 'JSON'],
    ['map<string,int>', 'JSON'],
    ['struct<a:int,b:array<string>>', 'JSON'],
    ['STRING', 'VARCHAR(255)'],
  ])('maps Glue %s to %s', (glueType, expected) => {
    // Act
    const type = mapped(glueType);

    // Assess
    expect(type).toBe(expected);
  });

  it.each(['binary', 'uniontype<int,string>', 'decimal(70,2)', 'char(300)', 'varchar(1,2)', ''])(
    'rejects Glue type %j naming the column and the type',
    (glueType) => {
      // Act
      const act = () => mysqlTypeForColumn({ name: '학교', type: glueType });

      // Assess
      expect(act).toThrow(RdsSchemaInvalid);
      expect(act).toThrow(`column "학교" has Glue type ${JSON.stringify(glueType)}`);
    },
  );

  it('lets config overrides win, by exact type then by base name', () => {
    // Prepare
    const overrides = { string: 'TEXT', 'decimal(10,2)': 'DECIMAL(12,4)', array: 'LONGTEXT' };

    // Act
    const types = ['string', 'decimal(10,2)', 'decimal(5,1)', 'array<int>', 'bigint'].map((t) =>
      mapped(t, overrides),
    );

    // Assess
    expect(types).toEqual(['TEXT', 'DECIMAL(12,4)', 'DECIMAL(5,1)', 'LONGTEXT', 'BIGINT']);
  });

  it.each(['TEXT; DROP TABLE x', 'ENUM("a")', 'VARCHAR(99999)', 'BLOB', 'INT UNSIGNED)'])(
    'rejects override %j rather than writing it into DDL',
    (override) => {
      // Act
      const act = () => mapped('string', { string: override });

      // Assess
      expect(act).toThrow(RdsSchemaInvalid);
      expect(act).toThrow(/rds\.typeMap maps Glue type "string"/);
    },
  );
});

describe('parseMysqlType', () => {
  it.each([
    ['int(11)', 'INT'],
    ['bigint(20) unsigned', 'BIGINT UNSIGNED'],
    ['tinyint(1)', 'BOOLEAN'],
    ['tinyint(4)', 'TINYINT'],
    ['varchar(255)', 'VARCHAR(255)'],
    ['longtext', 'LONGTEXT'],
    ['json', 'JSON'],
    ['decimal(10,2)', 'DECIMAL(10,2)'],
    ['datetime(3)', 'DATETIME(3)'],
    ['double', 'DOUBLE'],
  ])('reads INFORMATION_SCHEMA type %s as %s', (columnType, expected) => {
    // Act
    const type = parseMysqlType(columnType);

    // Assess
    expect(type && renderMysqlType(type)).toBe(expected);
  });

  it.each(["enum('a','b')", 'blob', 'time', 'varchar(255) character set latin1'])(
    'does not recognise %s',
    (columnType) => {
      // Act
      const type = parseMysqlType(columnType);

      // Assess
      expect(type).toBeUndefined();
    },
  );
});
