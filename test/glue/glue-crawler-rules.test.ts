import { describe, expect, it } from 'vitest';
import { classifyCsv } from '../../local/glue/crawler/csv-classifier.js';
import { decodeSample } from '../../local/glue/crawler/csv-sample.js';
import { exclusionMatcher } from '../../local/glue/crawler/exclusion-glob.js';
import { valueType, widen } from '../../local/glue/crawler/value-types.js';
import { tableNameMatcher } from '../../local/glue/name-pattern.js';

describe('crawler exclude patterns', () => {
  // The example of Glue's "Include and exclude patterns" page, include path s3://mybucket/myfolder/.
  const keys = [
    'departments/finance.json',
    'departments/market-us.json',
    'departments/market-emea.json',
    'employees/hr.json',
    'employees/john.csv',
    'employees/juan.txt',
  ];
  const excludedBy = (pattern: string) => keys.filter(exclusionMatcher([pattern]));

  it('matches as the Glue documentation says', () => {
    // Assess
    expect(excludedBy('departments/**')).toEqual(keys.slice(0, 3));
    expect(excludedBy('departments/market*')).toEqual(keys.slice(1, 3));
    expect(excludedBy('**.csv')).toEqual(['employees/john.csv']);
    expect(excludedBy('employees/*.csv')).toEqual(['employees/john.csv']);
    expect(excludedBy('*.csv')).toEqual([]);
    expect(excludedBy('employees/*.{csv,txt}')).toEqual([
      'employees/john.csv',
      'employees/juan.txt',
    ]);
    expect(excludedBy('employees/[!h]*')).toEqual(['employees/john.csv', 'employees/juan.txt']);
    expect(excludedBy('departments**')).toEqual(keys.slice(0, 3));
  });
});

describe('built-in CSV classifier rules', () => {
  it('takes a header only when some column below it is not a string', () => {
    // Act
    const allStrings = classifyCsv('a,b\nx,y\nz,w\n', false, []);
    const typed = classifyCsv('a,b\nx,1\nz,2\n', false, []);

    // Assess
    expect(allStrings?.headerTaken).toBe(false);
    expect(allStrings?.columns.map((c) => c.name)).toEqual(['col0', 'col1']);
    expect(typed?.headerTaken).toBe(true);
    expect(typed?.columns).toEqual([
      { name: 'a', type: 'string' },
      { name: 'b', type: 'bigint' },
    ]);
  });

  it('refuses a header cell of 150 characters or more, or one that is not a string', () => {
    // Act
    const long = classifyCsv(`${'h'.repeat(150)},b\nx,1\n`, false, []);
    const numeric = classifyCsv('2024,b\n2025,1\n', false, []);

    // Assess
    expect(long?.headerTaken).toBe(false);
    expect(numeric?.headerTaken).toBe(false);
    expect(numeric?.columns.map((c) => c.type)).toEqual(['bigint', 'string']);
  });

  it('does not classify one column or one row as CSV, unless a custom classifier allows one column', () => {
    // Act
    const oneColumn = classifyCsv('a\n1\n2\n', false, []);
    const oneRow = classifyCsv('a,b\n', false, []);
    const allowed = classifyCsv('a\n1\n2\n', false, [
      { Name: 'single', CreationTime: 0, LastUpdated: 0, Version: 1, AllowSingleColumn: true },
    ]);

    // Assess
    expect(oneColumn).toBeUndefined();
    expect(oneRow).toBeUndefined();
    expect(allowed?.columns).toEqual([{ name: 'a', type: 'bigint' }]);
    expect(allowed?.classifier).toBe('single');
  });

  it('steps back out of a quoted field that the sample cut, but not out of a broken file', () => {
    // Act
    const cut = classifyCsv('id,memo\n1,"two\nlines"\n2,plain\n3,"cut\nhe', true, []);

    // Assess
    expect(cut?.sampleRecords).toBe(2);
    expect(() => classifyCsv('id,memo\n1,"never closed\n2,x\n', false, [])).toThrow(
      /Quote Not Closed/,
    );
  });

  it('reads types and widens them as Glue does', () => {
    // Assess
    expect(
      ['1', '-7', '1.5', '1e3', 'TRUE', '2025-08-29 15:11:00', 'S001', '20250829', ''].map(
        valueType,
      ),
    ).toEqual([
      'bigint',
      'bigint',
      'double',
      'double',
      'boolean',
      'timestamp',
      'string',
      'bigint',
      undefined,
    ]);
    expect(valueType('99999999999999999999')).toBe('double');
    expect(widen('bigint', 'double')).toBe('double');
    expect(widen('bigint', 'boolean')).toBe('string');
    expect(widen(undefined, 'timestamp')).toBe('timestamp');
  });

  it('skips a UTF-8 BOM and refuses bytes that are not UTF-8', () => {
    // Assess
    expect(decodeSample(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]), false)).toBe('a');
    expect(() => decodeSample(new Uint8Array([0x61, 0xe9, 0x0a]), false)).toThrow(/UTF-8/);
  });
});

describe('GetTables name expressions', () => {
  it('matches whole names, case-insensitively, with a bare * as a wildcard', () => {
    // Prepare
    const names = ['psy_ord', 'psy_ord_class', 'psy_target', 'school_teacher'];
    const matching = (expression: string) => names.filter(tableNameMatcher(expression));

    // Assess
    expect(matching('psy_ord*')).toEqual(['psy_ord', 'psy_ord_class']);
    expect(matching('psy_ord')).toEqual(['psy_ord']);
    expect(matching('.*teacher|psy_target')).toEqual(['psy_target', 'school_teacher']);
    expect(matching('PSY_TARGET')).toEqual(['psy_target']);
  });
});
