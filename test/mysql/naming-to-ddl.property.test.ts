import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planColumns } from '../../shared/glue/column-plan.js';
import type { CatalogColumn } from '../../shared/mysql/catalog-column.js';
import { mysqlColumnComment } from '../../shared/mysql/column-comment.js';
import { quoteQualified } from '../../shared/mysql/quote-identifier.js';
import { syncTableDdl } from '../../shared/mysql/sync-table-ddl.js';
import { catalogColumnNames } from '../../shared/naming/catalog-column-names.js';
import { openTestDatabase, type TestDatabase } from './test-database.js';

/** Names every JavaScript object, function, array or string already answers to. */
const JS_NAMES = [
  ...new Set([
    ...Object.getOwnPropertyNames(Object.prototype),
    ...Object.getOwnPropertyNames(Function.prototype),
    ...Object.getOwnPropertyNames(Array.prototype),
    ...Object.getOwnPropertyNames(String.prototype),
    'prototype',
    '__proto__',
  ]),
];
const SQL_KEYWORDS = [
  'select',
  'SELECT',
  'order',
  'key',
  'group',
  'from',
  'where',
  'table',
  'index',
  'primary',
  'default',
  'null',
  'drop table',
  'int',
  'varchar',
];
const EMOJI = ['😀', '🏠 주소', 'a😀b', '👍🏽', '❤️', '🇰🇷'];
const OTHER = [
  '',
  ' ',
  '  ',
  '___',
  '-',
  '.',
  'a`b',
  '`',
  "it's",
  'back\\slash',
  '"quoted"',
  'Reg Date',
  'E-mail',
  '학교 code',
  '학교목록',
  'Id',
  'ID',
  'id',
  'Café',
  'café',
  'ÉCOLE',
  '1st',
];

const hangulSyllable = fc.integer({ min: 0xac00, max: 0xd7a3 }).map((c) => String.fromCharCode(c));
const hangul = fc.string({ unit: hangulSyllable, minLength: 1, maxLength: 12 });
const long300 = fc
  .constantFrom('a', '학', 'x y', 'Ab', '😀')
  .map((unit) => unit.repeat(Math.ceil(300 / unit.length)).slice(0, 300));
const word = fc.string({ unit: fc.constantFrom(...'abcXYZ_ 09-'), minLength: 0, maxLength: 8 });

const cell = fc.oneof(
  fc.constantFrom(...JS_NAMES),
  fc.constantFrom(...SQL_KEYWORDS),
  fc.constantFrom(...EMOJI),
  fc.constantFrom(...OTHER),
  hangul,
  long300,
  word,
);

/** A header of up to 40 cells: drawn cells, then copies of some of them in another case. */
const header = fc
  .tuple(
    fc.array(cell, { minLength: 1, maxLength: 30 }),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('upper', 'lower', 'same')), { maxLength: 10 }),
  )
  .map(([cells, copies]) => [
    ...cells,
    ...copies.map(([n, how]) => {
      const source = cells[n % cells.length] ?? '';
      if (how === 'upper') return source.toUpperCase();
      return how === 'lower' ? source.toLowerCase() : source;
    }),
  ]);

/** Runs per property: a few seconds on MariaDB; FC_RUNS=1000 hunts further. */
const RUNS = Number(process.env.FC_RUNS ?? 40);

const tableName = fc.constantFrom('학교목록', 'constructor', '__proto__', 'select', 'toString');

/** What MySQL is to hold as COMMENT: the header cell (as Glue keeps it) wherever the name differs. */
function expectedComment(name: string, cell: string): string {
  if (name === cell) return '';
  // Glue keeps a Comment of at most 255 characters.
  return mysqlColumnComment([...cell].slice(0, 255).join(''));
}

describe('header → catalog names → Glue columns → MySQL DDL, for any header', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db?.drop());

  it('gives MySQL exactly the header’s columns, in order, named as the catalog, with the header as COMMENT', async () => {
    await fc.assert(
      fc.asyncProperty(
        header,
        tableName,
        fc.constantFrom('unicode' as const, 'ascii' as const),
        async (cells, table, mode) => {
          // Prepare
          const names = catalogColumnNames(cells, mode);
          const columns = catalogColumns(table, [], cells, names);
          const input = { database: db.database, table, columns };

          try {
            // Act
            const first = await syncTableDdl(input, { connection: db.connection });
            const second = await syncTableDdl(input, { connection: db.connection });

            // Assess
            expect(first.created).toBe(true);
            expect(names).toHaveLength(cells.length);
            expect(await db.comments(table)).toEqual(
              cells.map((text, i) => ({
                name: names[i],
                comment: expectedComment(names[i] ?? '', text),
              })),
            );
            expect(second.statements).toEqual([]);
            expect(second.kept).toEqual([]);
          } finally {
            await db.connection.query(`DROP TABLE IF EXISTS ${quoteQualified(db.database, table)}`);
          }
        },
      ),
      { numRuns: RUNS },
    );
  }, 60_000);

  it('follows a later snapshot whose header is spelled in another case with comment changes only, never a rebuild', async () => {
    await fc.assert(
      fc.asyncProperty(header, tableName, async (cells, table) => {
        // Prepare
        const later = cells.map((c) => c.toUpperCase());
        const names = catalogColumnNames(cells);
        fc.pre(catalogColumnNames(later).join('\n') === names.join('\n'));
        const first = catalogColumns(table, [], cells, names);
        await syncTableDdl(
          { database: db.database, table, columns: first },
          { connection: db.connection },
        );
        const current = first.map((c) => ({
          Name: c.name,
          Type: c.type,
          ...(c.comment === undefined ? {} : { Comment: c.comment }),
        }));
        const input = {
          database: db.database,
          table,
          columns: catalogColumns(table, current, later, names),
        };

        try {
          // Act
          const second = await syncTableDdl(input, { connection: db.connection });
          const third = await syncTableDdl(input, { connection: db.connection });

          // Assess
          for (const statement of second.statements)
            expect(statement).toMatch(/, ALGORITHM=INSTANT$/);
          expect(second).toMatchObject({ added: [], widened: [], kept: [] });
          expect(await db.comments(table)).toEqual(
            later.map((text, i) => ({
              name: names[i],
              comment: expectedComment(names[i] ?? '', text),
            })),
          );
          expect(third.statements).toEqual([]);
        } finally {
          await db.connection.query(`DROP TABLE IF EXISTS ${quoteQualified(db.database, table)}`);
        }
      }),
      { numRuns: RUNS },
    );
  }, 60_000);
});

/** The catalog's columns for a header, as CoerceSchema hands them to SyncRdsDdl. */
function catalogColumns(
  table: string,
  current: Parameters<typeof planColumns>[0]['current'],
  cells: string[],
  names: string[],
): CatalogColumn[] {
  const plan = planColumns({
    database: 'csv_catalog',
    table,
    current,
    header: { original: cells, catalog: names },
  });
  return plan.columns.map((c) => ({
    name: c.Name ?? '',
    type: c.Type ?? '',
    ...(c.Comment === undefined ? {} : { comment: c.Comment }),
  }));
}
