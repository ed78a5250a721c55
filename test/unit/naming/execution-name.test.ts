import { describe, expect, it } from 'vitest';
import { executionName } from '../../../shared/naming/execution-name.js';

describe('executionName', () => {
  const base = {
    table: 'psy_ord_class',
    snapshot: '202508291511',
    sourceKey: 'PSY_ORD_CLASS_202508291511.csv',
    eTag: '"abc"',
  };

  it('is the same for the same object delivered twice', () => {
    // Act
    const first = executionName(base);
    const second = executionName({ ...base, eTag: 'abc' });

    // Assess
    expect(first).toBe(second);
    expect(first).toMatch(/^psy_ord_class-202508291511-[0-9a-f]{10}$/);
  });

  it('differs for a re-upload under the same key', () => {
    // Act
    const names = new Set([executionName(base), executionName({ ...base, eTag: '"def"' })]);

    // Assess
    expect(names.size).toBe(2);
  });

  it('stays within 80 allowed characters for the longest table name', () => {
    // Act
    const name = executionName({ ...base, table: 'a'.repeat(64), snapshot: '20250829151100' });

    // Assess
    expect(name.length).toBeLessThanOrEqual(80);
    expect(name).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(name).toMatch(/-20250829151100-[0-9a-f]{10}$/);
  });

  it('works without a snapshot', () => {
    // Act
    const name = executionName({ table: 'school_info', sourceKey: 'school_info.csv', eTag: '"1"' });

    // Assess
    expect(name).toMatch(/^school_info-[0-9a-f]{10}$/);
  });

  it.each([
    ['학교목록', /^t-20250901-[0-9a-f]{10}$/],
    ['학교_code', /^code-20250901-[0-9a-f]{10}$/],
    ['t_2025학년도_성적', /^t_2025-20250901-[0-9a-f]{10}$/],
  ])('keeps what ASCII the table %s has, for Step Functions', (table, expected) => {
    // Act
    const name = executionName({ ...base, table, snapshot: '20250901' });

    // Assess
    expect(name).toMatch(expected);
  });

  it('keeps Korean tables with no ASCII apart by their hash', () => {
    // Act
    const names = ['학생', '학교목록', '가'.repeat(64)].map((table) =>
      executionName({ table, sourceKey: `${table}_20250901.csv`, eTag: '"1"' }),
    );

    // Assess
    expect(new Set(names).size).toBe(3);
    for (const name of names) {
      expect(name).toMatch(/^[A-Za-z0-9_-]{1,80}$/);
    }
  });
});
