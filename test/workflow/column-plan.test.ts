import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../shared/config/load-config.js';
import { ownEntry } from '../../shared/config/own-entry.js';
import { matchColumns } from '../../shared/glue/column-match.js';
import { sampleLengthsByFinalName } from '../../shared/glue/column-names.js';
import { planColumns } from '../../shared/glue/column-plan.js';
import { catalogColumnNames } from '../../shared/naming/catalog-column-names.js';

const header = (...names: string[]) => ({ original: names, catalog: names });
/** A header as filing reads it: the cells as written and their catalog names. */
const fileHeader = (...cells: string[]) => ({
  original: cells,
  catalog: catalogColumnNames(cells),
});
/** The names the project's Glue crawler gives a header (local/glue/crawler/csv-classifier.ts). */
const crawled = (...names: string[]) => names.map((Name) => ({ Name, Type: 'string' }));
const namesAndComments = (plan: { columns: { Name?: string; Comment?: string }[] }) =>
  plan.columns.map((c) => [c.Name, c.Comment ?? '']);
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
      { Name: 'school_code', Type: 'string', Comment: 'a' },
      { Name: 'note', Type: 'int', Comment: 'b' },
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

describe('planColumns on a table the crawler made from the file’s own header', () => {
  it('plans exactly the six fields of id,,Id,ID,,note, by position, with no phantom column', () => {
    // Act
    const plan = planColumns({
      ...where,
      current: crawled('id', 'col1', 'id_1', 'id_2', 'col4', 'note'),
      header: fileHeader('id', '', 'Id', 'ID', '', 'note'),
    });

    // Assess
    expect(namesAndComments(plan)).toEqual([
      ['id', ''],
      ['col1', ''],
      ['id_2', 'Id'],
      ['id_3', 'ID'],
      ['col4', ''],
      ['note', ''],
    ]);
    expect(plan).toMatchObject({ added: [], kept: [], reordered: false });
    expect(plan.renamed).toEqual([
      { from: 'id_1', to: 'id_2' },
      { from: 'id_2', to: 'id_3' },
    ]);
  });

  it('plans the five fields of Member No,E-mail,Reg Date,,Reg Date', () => {
    // Act
    const plan = planColumns({
      ...where,
      current: crawled('member no', 'e-mail', 'reg date', 'col3', 'reg date_1'),
      header: fileHeader('Member No', 'E-mail', 'Reg Date', '', 'Reg Date'),
    });

    // Assess
    expect(namesAndComments(plan)).toEqual([
      ['member_no', 'Member No'],
      ['e_mail', 'E-mail'],
      ['reg_date', 'Reg Date'],
      ['col3', ''],
      ['reg_date_2', 'Reg Date'],
    ]);
    expect(plan).toMatchObject({ added: [], kept: [] });
  });

  it('keeps a Korean header crawled as 학교 code as 학교_code, the cell as its comment', () => {
    // Act
    const plan = planColumns({
      ...where,
      current: crawled('학번', '학교 code', '비고'),
      header: fileHeader('학번', '학교 code', '비고'),
    });

    // Assess
    expect(namesAndComments(plan)).toEqual([
      ['학번', ''],
      ['학교_code', '학교 code'],
      ['비고', ''],
    ]);
    expect(plan).toMatchObject({
      added: [],
      kept: [],
      renamed: [{ from: '학교 code', to: '학교_code' }],
    });
  });

  it('plans the same columns again for the next snapshot of the same header', () => {
    // Prepare
    const cells = ['id', '', 'Id', 'ID', '', 'note'];
    const first = planColumns({
      ...where,
      current: crawled('id', 'col1', 'id_1', 'id_2', 'col4', 'note'),
      header: fileHeader(...cells),
    });

    // Act
    const second = planColumns({ ...where, current: first.columns, header: fileHeader(...cells) });

    // Assess
    expect(second.columns).toEqual(first.columns);
    expect(second).toMatchObject({ added: [], kept: [], renamed: [], retyped: [] });
  });

  it('pairs a numbered crawler name by position only with a repeated cell', () => {
    // Prepare: `id_1` is no crawler name for a lone `id`: it is a column of its own
    const current = crawled('a', 'id_1');

    // Act
    const plan = planColumns({ ...where, current, header: fileHeader('a', 'id') });

    // Assess
    expect(plan).toMatchObject({ added: ['id'], kept: ['id_1'], renamed: [] });
  });

  it('names JavaScript’s own property names and applies config renames to them', () => {
    // Prepare
    const config = defaultConfig({
      tables: { constructor: { rename: { valueof: 'value_of' }, types: { tostring: 'int' } } },
    });
    const settings = ownEntry(config.tables, 'constructor');
    const cells = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

    // Act
    const plan = planColumns({
      ...where,
      table: 'constructor',
      current: crawled('constructor', '__proto__', 'tostring', 'hasownproperty', 'valueof'),
      header: fileHeader(...cells),
      settings,
    });

    // Assess
    expect(plan.columns).toEqual([
      { Name: 'constructor', Type: 'string' },
      { Name: 'proto', Type: 'string', Comment: '__proto__' },
      { Name: 'tostring', Type: 'int', Comment: 'toString' },
      { Name: 'hasownproperty', Type: 'string', Comment: 'hasOwnProperty' },
      { Name: 'value_of', Type: 'string', Comment: 'valueOf' },
    ]);
    expect(plan).toMatchObject({ added: [], kept: [] });
  });
});

describe('planColumns comments', () => {
  it('drops a stale comment where the name is the cell, and keeps a kept column’s', () => {
    // Prepare
    const current = [
      { Name: 'id', Type: 'string', Comment: 'ID' },
      { Name: 'old', Type: 'string', Comment: 'Old Column' },
    ];

    // Act
    const plan = planColumns({ ...where, current, header: fileHeader('id') });

    // Assess
    expect(plan.columns).toEqual([
      { Name: 'id', Type: 'string' },
      { Name: 'old', Type: 'string', Comment: 'Old Column' },
    ]);
  });

  it('follows a header cell re-spelled in a later snapshot', () => {
    // Prepare
    const first = planColumns({ ...where, current: [], header: fileHeader('Reg Date') });

    // Act
    const second = planColumns({
      ...where,
      current: first.columns,
      header: fileHeader('REG DATE'),
    });

    // Assess
    expect(first.columns).toEqual([{ Name: 'reg_date', Type: 'string', Comment: 'Reg Date' }]);
    expect(second.columns).toEqual([{ Name: 'reg_date', Type: 'string', Comment: 'REG DATE' }]);
  });

  it('keeps a comment to one line of at most 255 characters, as Glue takes it', () => {
    // Act
    const plan = planColumns({
      ...where,
      current: [],
      header: fileHeader('첫 줄\n둘째 줄', '가'.repeat(300)),
    });

    // Assess
    expect(plan.columns.map((c) => c.Comment)).toEqual(['첫 줄 둘째 줄', '가'.repeat(255)]);
    expect(plan.columns.map((c) => c.Name)).toEqual(['첫_줄_둘째_줄', '가'.repeat(64)]);
  });
});

describe('sampleLengthsByFinalName', () => {
  it('keeps lengths of columns named after JavaScript’s own properties', () => {
    // Prepare: names as a workflow input may carry them, and a rename onto `constructor`
    const header = {
      original: ['__proto__', 'constructor', 'x'],
      catalog: ['__proto__', 'constructor', 'x'],
    };
    const settings = defaultConfig({ tables: { t: { rename: { x: 'tostring' } } } }).tables.t;
    const lengths = Object.fromEntries([
      ['__proto__', 3],
      ['constructor', 4],
      ['x', 5],
    ]);

    // Act
    const mapped = sampleLengthsByFinalName(header, lengths, settings);

    // Assess
    expect(Object.getPrototypeOf(mapped)).toBe(Object.prototype);
    expect(Object.entries(mapped)).toEqual([
      ['__proto__', 3],
      ['constructor', 4],
      ['tostring', 5],
    ]);
  });

  it('finds no length for a column the sample lacks, even one named like a property', () => {
    // Act
    const mapped = sampleLengthsByFinalName(fileHeader('constructor', 'toString'), {});

    // Assess
    expect(mapped).toEqual({});
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
