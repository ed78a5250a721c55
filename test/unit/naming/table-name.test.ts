import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseConfig } from '../../../shared/config/load-config.js';
import { NamingError } from '../../../shared/errors.js';
import { deriveTableName } from '../../../shared/naming/table-name.js';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every table seen in the team's bucket (samples/README.md). */
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
    ['학교_school_20250101.csv', '학교_school', '20250101'],
    ['학교목록_20250901.csv', '학교목록', '20250901'],
    ['학교목록.csv', '학교목록', undefined],
    ['회원 명단-2025-09-01.csv', '회원_명단', '20250901'],
    ['2025학년도_성적_20250901.csv', 't_2025학년도_성적', '20250901'],
    ['CONSTRUCTOR_20250901.csv', 'constructor', '20250901'],
    ['__proto___20250901.csv', 'proto', '20250901'],
    ['toString.csv', 'tostring', undefined],
    ['hasOwnProperty.csv', 'hasownproperty', undefined],
    ['SELECT_20250901.csv', 'select', '20250901'],
    ['sales 😀 report.csv', 'sales_report', undefined],
  ])('%s → %s (snapshot %s)', (fileName, table, snapshot) => {
    // Act
    const name = deriveTableName(fileName);

    // Assess
    expect(name.table).toBe(table);
    expect(name.snapshot).toBe(snapshot);
  });

  it('keeps table names to 64 characters', () => {
    // Act
    const latin = deriveTableName(`${'A'.repeat(300)}_20250101.csv`);
    const korean = deriveTableName(`${'가'.repeat(300)}_20250101.csv`);
    const digits = deriveTableName(`${'1'.repeat(300)}.csv`);

    // Assess
    expect(latin.table).toBe('a'.repeat(64));
    expect(korean.table).toBe('가'.repeat(50)); // MySQL's file name: 5 bytes each
    expect(digits.table).toBe(`t_${'1'.repeat(62)}`);
  });

  it.each(['.csv', '___.csv', '_.csv', '!!!_20250901.csv', '-2025-09-01.csv', '😀_20250901.csv'])(
    'refuses %s with an error naming the file and a rule to paste',
    (fileName) => {
      // Act
      const act = () => deriveTableName(fileName);

      // Assess
      expect(act).toThrow(NamingError);
      expect(act).toThrow(
        new RegExp(`^${escapeRegExp(fileName)}: the file name gives no table name`),
      );
      expect(act).toThrow(
        /naming: \{ rules: \[ \{ pattern: ".+", table: "<a table name>" \} \] \}/,
      );
    },
  );

  it('suggests a rule that, pasted into the config, files the refused name', () => {
    // Prepare
    const fileName = '!!!_20250901.csv';
    const message = (() => {
      try {
        deriveTableName(fileName);
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    const snippet = /(naming: \{ rules: .*\})$/.exec(message)?.[1] ?? '';
    const config = parseConfig(
      parseYaml(snippet.replace('<a table name>', '학교목록')) as Record<string, unknown>,
    );

    // Act
    const name = deriveTableName(fileName, config.naming.rules);

    // Assess
    expect(snippet).toBe('naming: { rules: [ { pattern: "^!!!_", table: "<a table name>" } ] }');
    expect(name).toEqual({ table: '학교목록', snapshot: '20250901' });
  });

  it('escapes the whole file name in the rule it suggests for a name with no timestamp', () => {
    // Act
    const act = () => deriveTableName('_.csv');

    // Assess
    expect(act).toThrow('pattern: "^_\\\\.csv$"');
  });

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

  it('uses a rule’s literal table, with the file name’s trailing timestamp as snapshot', () => {
    // Prepare
    const rules = [{ pattern: '^학생\\s명단', flags: '', table: 'student' }];

    // Act
    const dated = deriveTableName('학생 명단_20250901.csv', rules);
    const undated = deriveTableName('학생 명단.csv', rules);
    const other = deriveTableName('교사_20250901.csv', rules);

    // Assess
    expect(dated).toEqual({ table: 'student', snapshot: '20250901' });
    expect(undated).toEqual({ table: 'student' });
    expect(other).toEqual({ table: '교사', snapshot: '20250901' });
  });

  it('names the rule whose table group leaves no name', () => {
    // Prepare
    const rules = [{ pattern: '^(?<table>[^_]+)_', flags: '' }];

    // Act
    const act = () => deriveTableName('!!!_x.csv', rules);

    // Assess
    expect(act).toThrow(NamingError);
    expect(act).toThrow(/^!!!_x\.csv: .*the naming rule "\^\(\?<table>\[\^_\]\+\)_" gave "!!!"/);
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

describe('deriveTableName within MySQL limits', () => {
  it('cuts a long Korean name to what MySQL can keep as a file (50 characters)', () => {
    // Prepare: 60 Hangul syllables, within the 64-character identifier limit
    const long = '가'.repeat(60);

    // Act
    const { table, snapshot } = deriveTableName(`${long}_20250901.csv`);

    // Assess
    expect(table).toBe('가'.repeat(50));
    expect(snapshot).toBe('20250901');
  });
});
