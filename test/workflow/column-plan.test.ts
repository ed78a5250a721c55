import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../shared/config/load-config.js';
import { planColumns } from '../../shared/glue/column-plan.js';

const header = (...names: string[]) => ({ original: names, catalog: names });
const columns = (...names: string[]) => names.map((Name) => ({ Name, Type: 'bigint' }));

describe('planColumns', () => {
  it('takes the header names for Glue’s col0… and makes every type string', () => {
    // Act
    const plan = planColumns({ current: columns('col0', 'col1'), header: header('a', 'b') });

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
      current: columns('a', 'b', 'c'),
      header: header('c', 'a', 'd'),
    });

    // Assess
    expect(plan.columns.map((c) => c.Name)).toEqual(['c', 'a', 'd', 'b']);
    expect(plan).toMatchObject({ added: ['d'], kept: ['b'], reordered: true, renamed: [] });
  });

  it('matches a header cell the way the crawler names it, and by position when the shapes agree', () => {
    // Act
    const byCell = planColumns({
      current: columns('reg date', 'x'),
      header: { original: ['Reg Date', 'Y'], catalog: ['reg_date', 'y'] },
    });

    // Assess
    expect(byCell.renamed).toEqual([
      { from: 'reg date', to: 'reg_date' },
      { from: 'x', to: 'y' },
    ]);
    expect(byCell.kept).toEqual([]);
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

  it('refuses two columns of one name', () => {
    // Prepare
    const settings = defaultConfig({ tables: { t: { rename: { a: 'b' } } } }).tables.t;

    // Act / Assess
    expect(() => planColumns({ current: [], header: header('a', 'b'), settings })).toThrow(
      /two columns would be named "b"/,
    );
  });
});
