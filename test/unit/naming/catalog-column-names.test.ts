import { describe, expect, it } from 'vitest';
import { catalogColumnNames } from '../../../shared/naming/catalog-column-names.js';

describe('catalogColumnNames', () => {
  it('lower-cases and replaces runs of other characters with _', () => {
    // Act
    const names = catalogColumnNames(['School Code', 'MEMBER_NO', 'reg-date (utc)', '  memo  ']);

    // Assess
    expect(names).toEqual(['school_code', 'member_no', 'reg_date_utc', 'memo']);
  });

  it('names blank and non-ASCII cells after their position', () => {
    // Act
    const names = catalogColumnNames(['id', '', '이름', '학교 code', '!!!']);

    // Assess
    expect(names).toEqual(['id', 'col1', 'col2', 'code', 'col4']);
  });

  it('makes duplicates unique without colliding with real names', () => {
    // Act
    const names = catalogColumnNames(['name', 'Name', 'NAME', 'name_2', '', 'col4']);

    // Assess
    expect(names).toEqual(['name', 'name_2', 'name_3', 'name_2_2', 'col4', 'col4_2']);
  });

  it('keeps 100-character names to 64 characters, unique', () => {
    // Prepare
    const long = 'x'.repeat(100);

    // Act
    const names = catalogColumnNames([long, `${long}y`]);

    // Assess
    expect(names[0]).toBe('x'.repeat(64));
    expect(names[1]).toBe(`${'x'.repeat(62)}_2`);
    expect(names.every((n) => n.length <= 64)).toBe(true);
  });

  it('keeps hostile names to safe identifiers', () => {
    // Act
    const names = catalogColumnNames(['a`b', "it's", 'x; DROP TABLE t; --', 'order']);

    // Assess
    expect(names).toEqual(['a_b', 'it_s', 'x_drop_table_t', 'order']);
  });
});
