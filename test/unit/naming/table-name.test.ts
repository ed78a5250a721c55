import { describe, expect, it } from 'vitest';
import { NamingError } from '../../../shared/errors.js';
import { compareSnapshots, deriveTableName } from '../../../shared/naming/table-name.js';

/** Every table seen in the team's bucket (DESIGN.md). */
const BUCKET_TABLES = [
  'at_basic_inquiry_val',
  'at_formula_code',
  'at_low_scale',
  'at_question',
  'at_question_choice',
  'at_question_extra',
  'at_scale_code',
  'at_sub_psy_item',
  'at_user_formula_score',
  'at_user_scale_score',
  'at_user_testing_paper',
  'at_user_testing_paper_pn',
  'at_user_testing_paper_sct',
  'at_user_testing_paper_tr',
  'member',
  'psy_class',
  'psy_estimate',
  'psy_ord',
  'psy_ord_class',
  'psy_target',
  'psy_target_detail',
  'school_class',
  'school_info',
  'school_student',
  'school_teacher',
];

describe('deriveTableName', () => {
  it.each(BUCKET_TABLES)('files %s under its full name, not its first two words', (table) => {
    // Prepare
    const fileName = `${table.toUpperCase()}_202508291511.csv`;

    // Act
    const name = deriveTableName(fileName);

    // Assess
    expect(name).toEqual({ table, snapshot: '202508291511' });
  });

  it.each([
    ['PSY_ORD_CLASS_202508291511.csv', 'psy_ord_class', '202508291511'],
    ['AT_USER_TESTING_PAPER_PN_202508291512.csv', 'at_user_testing_paper_pn', '202508291512'],
    ['member_20250829.csv', 'member', '20250829'],
    ['school_info.csv', 'school_info', undefined],
    ['school info-2025-09-01.csv', 'school_info', '20250901'],
    ['School Info 20250901.CSV', 'school_info', '20250901'],
    ['psy-target.detail_20250829151233.csv', 'psy_target_detail', '20250829151233'],
    ['2024_scores_20250101.csv', 't_2024_scores', '20250101'],
    ['orders_1234567.csv', 'orders_1234567', undefined],
    ['__odd__name__.csv', 'odd__name', undefined],
    ['20250101.csv', 't_20250101', undefined],
    ['학교_school_20250101.csv', 'school', '20250101'],
  ])('%s → %s (snapshot %s)', (fileName, table, snapshot) => {
    // Act
    const name = deriveTableName(fileName);

    // Assess
    expect(name.table).toBe(table);
    expect(name.snapshot).toBe(snapshot);
  });

  it('keeps table names to 64 characters', () => {
    // Act
    const name = deriveTableName(`${'A'.repeat(100)}_20250101.csv`);

    // Assess
    expect(name.table).toBe('a'.repeat(64));
  });

  it.each(['.csv', '___.csv', '학교.csv', '-2025-09-01.csv', '학교_20250101.csv'])(
    'refuses %s with an error naming the file',
    (fileName) => {
      // Act
      const act = () => deriveTableName(fileName);

      // Assess
      expect(act).toThrow(NamingError);
      expect(act).toThrow(new RegExp(`^${fileName.replace('.', '\\.')}: `));
    },
  );

  it('tries configured rules first, with a named group table', () => {
    // Prepare
    const rules = [{ pattern: '^export-(?<table>[a-z_]+)-v\\d+\\.csv$', flags: 'i' }];

    // Act
    const matched = deriveTableName('EXPORT-Psy_Ord-v3.csv', rules);
    const fallback = deriveTableName('PSY_ORD_20250101.csv', rules);

    // Assess
    expect(matched).toEqual({ table: 'psy_ord' });
    expect(fallback).toEqual({ table: 'psy_ord', snapshot: '20250101' });
  });

  it('takes a snapshot group from a configured rule', () => {
    // Prepare
    const rules = [
      { pattern: '^(?<snapshot>\\d{4}-\\d{2}-\\d{2})_(?<table>.+)\\.csv$', flags: '' },
    ];

    // Act
    const name = deriveTableName('2025-09-01_school_info.csv', rules);

    // Assess
    expect(name).toEqual({ table: 'school_info', snapshot: '20250901' });
  });
});

describe('compareSnapshots', () => {
  it('orders a date before any time on that day and times in order', () => {
    // Act
    const sorted = ['202508291511', '20250829', '20250828235959', '202508291510'].sort(
      compareSnapshots,
    );

    // Assess
    expect(sorted).toEqual(['20250828235959', '20250829', '202508291510', '202508291511']);
  });
});
