import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../shared/config/load-config.js';
import { matchColumns } from '../../shared/glue/column-match.js';
import { planColumns } from '../../shared/glue/column-plan.js';

const header = (...names: string[]) => ({ original: names, catalog: names });
const columns = (...names: string[]) => names.map((Name) => ({ Name, Type: 'bigint' }));
const where = { database: 'schoolfriends', table: 't' };

describe('planColumns', () => {
  it('takes the header names for Glue’s col0… and makes every type string', () => {
    // Act
    const plan = planColumns({
      ...where,
      current: columns('col0', 'col1'),
      header: header('a', 'b'),
    });

    // Assess
    expect(plan.columns).toEqual([
      { Name: 'a', Type: 'string' },
      { Name: 'b', Type: 'string' },
    ]);
    expect(plan.renamed).toEqual([
      { from: 'col0', to: 'a' },
      { from: 'col1', to: 'b' },
    ]);
    expect(plan.retyped).toHaveLength(2);
  });

  it('puts the file’s columns first, in its order, and keeps the columns it lacks after them', () => {
    // Act
    const plan = planColumns({
      ...where,
      current: columns('a', 'b', 'c'),
      header: header('c', 'a', 'd'),
    });

    // Assess
    expect(plan.columns.map((c) => c.Name)).toEqual(['c', 'a', 'd', 'b']);
    expect(plan).toMatchObject({ added: ['d'], kept: ['b'], reordered: true, renamed: [] });
  });

  it('matches a header cell the way the crawler names it', () => {
    // Act
    const byCell = planColumns({
      ...where,
      current: columns('reg date', 'memo'),
      header: { original: ['Reg Date', 'Memo '], catalog: ['reg_date', 'memo'] },
    });

    // Assess
    expect(byCell.renamed).toEqual([{ from: 'reg date', to: 'reg_date' }]);
    expect(byCell).toMatchObject({ added: [], kept: [] });
  });

  it('adds a new column and keeps a dropped one at the same position, never renaming one into the other', () => {
    // Act
    const plan = planColumns({
      ...where,
      current: columns('id', 'old_col', 'memo'),
      header: header('id', 'new_col', 'memo'),
    });

    // Assess
    expect(plan.columns.map((c) => c.Name)).toEqual(['id', 'new_col', 'memo', 'old_col']);
    expect(plan).toMatchObject({ added: ['new_col'], kept: ['old_col'], renamed: [] });
  });

  it('pairs by position only Glue’s colN names left over, when the shapes agree', () => {
    // Prepare: col7 cannot be header column 7 (there are two), so it is column 1 by position
    const current = columns('id', 'col7');

    // Act
    const plan = planColumns({ ...where, current, header: header('id', 'memo') });

    // Assess
    expect(plan).toMatchObject({
      renamed: [{ from: 'col7', to: 'memo' }],
      added: [],
      kept: [],
    });
  });

  it('applies config: the positional list, then renames, then types', () => {
    // Prepare
    const settings = defaultConfig({
      tables: {
        t: { columns: ['school_code', 'memo'], rename: { memo: 'note' }, types: { note: 'int' } },
      },
    }).tables.t;

    // Act
    const plan = planColumns({
      ...where,
      current: columns('col0', 'col1'),
      header: header('a', 'b'),
      settings,
    });

    // Assess
    expect(plan.columns).toEqual([
      { Name: 'school_code', Type: 'string' },
      { Name: 'note', Type: 'int' },
    ]);
  });

  it('refuses two columns of one name, naming the table and its config', () => {
    // Prepare
    const settings = defaultConfig({ tables: { t: { rename: { a: 'b' } } } }).tables.t;

    // Act / Assess
    expect(() =>
      planColumns({ ...where, current: [], header: header('a', 'b'), settings }),
    ).toThrow(
      /^schoolfriends\.t: two columns would be named "b": check tables\.t\.columns and tables\.t\.rename/,
    );
  });

  it('refuses an empty column name, naming the table and the column’s position', () => {
    // Act / Assess
    expect(() => planColumns({ ...where, current: [{ Name: '' }], header: header('a') })).toThrow(
      /^schoolfriends\.t: column 2 would have an empty name/,
    );
  });
});

describe('matchColumns', () => {
  it('reports a header column at the place of a dropped one as new', () => {
    // Act
    const match = matchColumns(['id', 'old_col'], header('id', 'new_col'), ['id', 'new_col']);

    // Assess
    expect(match).toEqual({
      byHeader: new Map([[0, 0]]),
      newHeaderColumns: [1],
      unmatchedColumns: [1],
    });
  });
});
