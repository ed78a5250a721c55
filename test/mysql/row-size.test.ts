import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RdsStatementFailed } from '../../shared/errors.js';
import { createDatabaseStatement, tableStatement } from '../../shared/mysql/ddl-statements.js';
import { type FitColumn, fitSampledLengths, fitWidth } from '../../shared/mysql/fit-columns.js';
import {
  type CreatableType,
  parseMysqlType,
  renderMysqlType,
} from '../../shared/mysql/mysql-type.js';
import {
  columnRowBytes,
  ROW_SIZE_BUDGET,
  ROW_SIZE_LIMIT,
  tableRowBytes,
} from '../../shared/mysql/row-size.js';
import { runStatement } from '../../shared/mysql/run-statement.js';
import { openTestDatabase, type TestDatabase } from './test-database.js';

function t(sql: string): CreatableType {
  const type = parseMysqlType(sql);
  if (!type) throw new Error(`test type ${sql}`);
  return type;
}
const times = (n: number, sql: string) => Array.from({ length: n }, () => t(sql));
const columns = (n: number, extra: Partial<FitColumn> = {}): FitColumn[] =>
  Array.from({ length: n }, (_, i) => ({
    name: `c${i}`,
    type: t('VARCHAR(255)'),
    changeable: true,
    touched: true,
    ...extra,
  }));
const kinds = (fitted: FitColumn[]) => fitted.map((c) => renderMysqlType(c.type));

describe('row size', () => {
  it.each([
    ['VARCHAR(255)', 1022],
    ['VARCHAR(10)', 41],
    ['VARCHAR(63)', 253],
    ['VARCHAR(64)', 258],
    ['CHAR(3)', 12],
    ['TEXT', 10],
    ['MEDIUMTEXT', 11],
    ['JSON', 12],
    ['BIGINT', 8],
    ['BOOLEAN', 1],
    ['DECIMAL(10,2)', 5],
    ['DECIMAL(65,30)', 30],
  ])('counts %s as %i bytes', (sql, bytes) => {
    // Act
    const counted = columnRowBytes(t(sql));

    // Assess
    expect(counted).toBe(bytes);
  });

  it('fits 64 VARCHAR(255) columns and not 65', () => {
    // Act
    const fits64 = tableRowBytes(times(64, 'VARCHAR(255)')) <= ROW_SIZE_BUDGET;
    const fits65 = tableRowBytes(times(65, 'VARCHAR(255)')) <= ROW_SIZE_LIMIT;

    // Assess
    expect(fits64).toBe(true);
    expect(fits65).toBe(false);
  });
});

describe('fitWidth', () => {
  it('leaves 64 VARCHAR(255) columns alone', () => {
    // Act
    const fitted = fitWidth(columns(64)).columns;

    // Assess
    expect(new Set(kinds(fitted))).toEqual(new Set(['VARCHAR(255)']));
  });

  it('turns VARCHAR into TEXT from the last column backwards until the row fits', () => {
    // Act
    const fitted = fitWidth(columns(200)).columns;

    // Assess
    const firstText = kinds(fitted).indexOf('TEXT');
    expect(
      kinds(fitted)
        .slice(firstText)
        .every((k) => k === 'TEXT'),
    ).toBe(true);
    expect(tableRowBytes(fitted.map((c) => c.type))).toBeLessThanOrEqual(ROW_SIZE_BUDGET);
    // One VARCHAR more would not fit: no column was converted needlessly.
    const oneMore = fitted.map((c, i) => (i === firstText ? t('VARCHAR(255)') : c.type));
    expect(tableRowBytes(oneMore)).toBeGreaterThan(ROW_SIZE_BUDGET);
  });

  it('converts the longest sampled columns first', () => {
    // Prepare
    const layout = columns(65).map((c, i) =>
      i === 3 ? { ...c, sampleMaxLength: 200 } : i === 10 ? { ...c, sampleMaxLength: 50 } : c,
    );

    // Act
    const fitted = fitWidth(layout).columns;

    // Assess
    expect(kinds(fitted).flatMap((k, i) => (k === 'TEXT' ? [i] : []))).toEqual([3]);
  });

  it('converts columns this run writes before columns it would leave alone', () => {
    // Prepare
    const layout = [...columns(60, { touched: false }), ...columns(5)];

    // Act
    const fitted = fitWidth(layout).columns;

    // Assess
    expect(fitted.filter((c) => c.type.kind === 'text').map((c) => c.touched)).toEqual([true]);
    expect(fitted.slice(0, 60).every((c) => c.type.kind === 'varchar' && !c.touched)).toBe(true);
  });

  it('reports the row limit a table passes even with every VARCHAR as TEXT', () => {
    // Prepare
    const layout = Array.from({ length: 70 }, (_, i) => ({
      name: `c${i}`,
      type: t('CHAR(255)'),
      changeable: true,
      touched: true,
    }));

    // Act
    const { excess } = fitWidth(layout);

    // Assess
    expect(excess).toEqual({ limit: 'row', bytes: tableRowBytes(layout.map((c) => c.type)) });
  });
});

describe('fitSampledLengths', () => {
  it('gives a string column whose sampled values are longer the TEXT type that holds them', () => {
    // Prepare
    const layout = [
      ...columns(1, { sampleMaxLength: 255 }),
      ...columns(1, { sampleMaxLength: 256 }),
      ...columns(1, { sampleMaxLength: 20_000 }),
      { ...columns(1, { sampleMaxLength: 4 })[0]!, type: t('CHAR(3)') },
      ...columns(1, { sampleMaxLength: 999, changeable: false }),
    ];

    // Act
    const fitted = fitSampledLengths(layout);

    // Assess
    expect(kinds(fitted)).toEqual(['VARCHAR(255)', 'TEXT', 'MEDIUMTEXT', 'TEXT', 'VARCHAR(255)']);
  });
});

describe('row size against MariaDB', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
    await runStatement(db.connection, createDatabaseStatement(db.database));
  });
  afterAll(async () => db?.drop());

  // Pairs on either side of the limit: the count is right only if the server agrees on both.
  it.each([
    ['64 VARCHAR(255) + 14 BIGINT', [...times(64, 'VARCHAR(255)'), ...times(14, 'BIGINT')]],
    ['64 VARCHAR(255) + 15 BIGINT', [...times(64, 'VARCHAR(255)'), ...times(15, 'BIGINT')]],
    ['64 VARCHAR(255) + 11 TEXT', [...times(64, 'VARCHAR(255)'), ...times(11, 'TEXT')]],
    ['64 VARCHAR(255) + 12 TEXT', [...times(64, 'VARCHAR(255)'), ...times(12, 'TEXT')]],
    ['64 VARCHAR(255) + 9 JSON', [...times(64, 'VARCHAR(255)'), ...times(9, 'JSON')]],
    ['64 VARCHAR(255) + 10 JSON', [...times(64, 'VARCHAR(255)'), ...times(10, 'JSON')]],
    [
      '64 VARCHAR(255) + 3 DECIMAL(65,30)',
      [...times(64, 'VARCHAR(255)'), ...times(3, 'DECIMAL(65,30)')],
    ],
    [
      '64 VARCHAR(255) + 4 DECIMAL(65,30)',
      [...times(64, 'VARCHAR(255)'), ...times(4, 'DECIMAL(65,30)')],
    ],
    [
      '63 VARCHAR(255) + CHAR(255) + CHAR(30)',
      [...times(63, 'VARCHAR(255)'), t('CHAR(255)'), t('CHAR(30)')],
    ],
    [
      '63 VARCHAR(255) + CHAR(255) + CHAR(31)',
      [...times(63, 'VARCHAR(255)'), t('CHAR(255)'), t('CHAR(31)')],
    ],
    ['64 VARCHAR(255)', times(64, 'VARCHAR(255)')],
    ['65 VARCHAR(255)', times(65, 'VARCHAR(255)')],
    ['64 VARCHAR(255) + VARCHAR(20)', [...times(64, 'VARCHAR(255)'), t('VARCHAR(20)')]],
    ['64 VARCHAR(255) + VARCHAR(29)', [...times(64, 'VARCHAR(255)'), t('VARCHAR(29)')]],
    ['64 VARCHAR(255) + VARCHAR(30)', [...times(64, 'VARCHAR(255)'), t('VARCHAR(30)')]],
  ])('agrees with the server on %s', async (name, types) => {
    // Prepare
    const table = `t_${name.replace(/\W+/g, '_')}`.slice(0, 64);
    const action = {
      kind: 'create' as const,
      columns: types.map((type, i) => ({ name: `c${i}`, type })),
    };

    // Act
    const accepted = await runStatement(
      db.connection,
      tableStatement(db.database, table, action),
    ).then(
      () => true,
      (error: unknown) => {
        if (error instanceof RdsStatementFailed && error.code === 'ER_TOO_BIG_ROWSIZE')
          return false;
        throw error;
      },
    );

    // Assess
    expect(accepted).toBe(tableRowBytes(types) <= ROW_SIZE_LIMIT);
  });
});
