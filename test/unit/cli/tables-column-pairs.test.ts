import { describe, expect, it } from 'vitest';
import { columnDisagreement, pairColumns } from '../../../shared/tables/column-pairs.js';

const col = (name: string) => ({ name, type: 'string', comment: '' });

describe('pairColumns and columnDisagreement', () => {
  it('pairs by name as MySQL compares names, catalog order first, MySQL-only columns last', () => {
    // Act
    const pairs = pairColumns(
      [col('A'), col('이름'), col('b')],
      [col('a'), col('추가'), col('이름')],
    );

    // Assess
    expect(pairs.map((p) => [p.catalog?.name, p.mysql?.name])).toEqual([
      ['A', 'a'],
      ['이름', '이름'],
      ['b', undefined],
      [undefined, '추가'],
    ]);
  });

  it('finds columns missing on either side, another order, and only the mirrored ones expected', () => {
    // Act
    const missing = columnDisagreement([col('a'), col('b')], [col('a'), col('c')]);
    const reordered = columnDisagreement([col('a'), col('b')], [col('b'), col('a')]);
    const mirrored = columnDisagreement(
      [col('a'), col('b'), col('c')],
      [col('a'), col('c')],
      ['C', 'a'],
    );
    const same = columnDisagreement([col('이름')], [col('이름')]);

    // Assess
    expect(missing).toBe('not in MySQL: b; not in the catalog: c');
    expect(reordered).toBe('the same columns in another order');
    expect(mirrored).toBeUndefined();
    expect(same).toBeUndefined();
  });
});
