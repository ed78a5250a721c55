import { RdsSchemaInvalid } from '../errors.js';
import type { CatalogColumn, TypeMapOverrides } from './catalog-column.js';
import { type CreatableType, MAX_VARCHAR_LENGTH, parseMysqlType } from './mysql-type.js';
import { textTypeForLength } from './string-capacity.js';

// A Map: a Glue type read from the catalog (`constructor`…) never reaches Object.prototype.
const simpleTypes = new Map<string, CreatableType>(
  Object.entries({
    string: { kind: 'varchar', length: 255 },
    bigint: { kind: 'integer', name: 'BIGINT', unsigned: false },
    int: { kind: 'integer', name: 'INT', unsigned: false },
    integer: { kind: 'integer', name: 'INT', unsigned: false },
    smallint: { kind: 'integer', name: 'SMALLINT', unsigned: false },
    tinyint: { kind: 'integer', name: 'TINYINT', unsigned: false },
    double: { kind: 'double' },
    float: { kind: 'float' },
    boolean: { kind: 'boolean' },
    timestamp: { kind: 'datetime', fsp: 0 },
    date: { kind: 'date' },
    // Hive's bare decimal is decimal(10,0).
    decimal: { kind: 'decimal', precision: 10, scale: 0 },
  } satisfies Record<string, CreatableType>),
);

/**
 * The MySQL type for one catalog column. A config override wins; it is looked up by the exact
 * Glue type (`decimal(10,2)`) and then by its base name (`decimal`, `array`).
 */
export function mysqlTypeForColumn(
  column: CatalogColumn,
  overrides: TypeMapOverrides = {},
): CreatableType {
  const glueType = normaliseGlueType(column.type);
  const override = lookupOverride(glueType, overrides);
  if (override !== undefined) return parseOverride(override, glueType);
  const mapped = mapGlueType(glueType);
  if (!mapped) {
    throw new RdsSchemaInvalid(
      `column ${JSON.stringify(column.name)} has Glue type ${JSON.stringify(column.type)}, which has no MySQL mapping; add one under rds.typeMap`,
    );
  }
  return mapped;
}

function mapGlueType(glueType: string): CreatableType | undefined {
  const simple = simpleTypes.get(glueType);
  if (simple) return simple;
  if (/^(array|map|struct)<.*>$/.test(glueType)) return { kind: 'json' };
  const sized = /^(decimal|char|varchar)\((\d+)(?:,(\d+))?\)$/.exec(glueType);
  if (!sized) return undefined;
  const [, base, first = '', second] = sized;
  const n = Number(first);
  if (base === 'decimal') return parseMysqlType(`decimal(${n},${second ?? 0})`);
  if (second !== undefined) return undefined;
  if (base === 'char') return parseMysqlType(`char(${n})`);
  // Hive allows varchar(65535); past MySQL's longest utf8mb4 VARCHAR only TEXT types hold it.
  return n > MAX_VARCHAR_LENGTH ? textTypeForLength(n) : parseMysqlType(`varchar(${n})`);
}

function lookupOverride(glueType: string, overrides: TypeMapOverrides): string | undefined {
  const normalised = new Map(Object.entries(overrides).map(([k, v]) => [normaliseGlueType(k), v]));
  return normalised.get(glueType) ?? normalised.get(glueType.replace(/[(<].*$/, ''));
}

function parseOverride(override: string, glueType: string): CreatableType {
  const parsed = parseMysqlType(override);
  if (!parsed) {
    throw new RdsSchemaInvalid(
      `rds.typeMap maps Glue type ${JSON.stringify(glueType)} to ${JSON.stringify(override)}, which is not a MySQL type csv-catalog can create (integer, BOOLEAN, FLOAT, DOUBLE, DECIMAL(p,s), CHAR(n), VARCHAR(n), TEXT types, JSON, DATE, DATETIME, TIMESTAMP)`,
    );
  }
  return parsed;
}

function normaliseGlueType(type: string): string {
  return type.toLowerCase().replace(/\s+/g, '');
}
