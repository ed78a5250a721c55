import { describe, expect, it } from 'vitest';
import {
  type CrawlFailureFacts,
  crawlFailureCause,
  describeHeader,
  groupByHeader,
  MAX_CAUSE_LENGTH,
  MAX_NAMED_FILES,
  type PrefixFile,
} from '../../../shared/workflow/header-groups.js';

const THRESHOLD_MESSAGE =
  'The number of tables detected by crawler: 2 is greater than the table threshold value provided: 1. Failing crawler without writing to Data Catalog.';

const csv = (name: string, columns: string[], delimiter = ',', quote = '"'): PrefixFile => ({
  name,
  header: { columns, delimiter, quote },
});

/** The facts of a failed crawl of s3://drop/학생/, its files given. */
function facts(files: PrefixFile[], total = files.length): CrawlFailureFacts {
  return {
    location: 's3://drop/학생/',
    table: '학생',
    crawler: 'crawler_dev_학생',
    errorMessage: THRESHOLD_MESSAGE,
    files,
    total,
  };
}

describe('groupByHeader', () => {
  it('groups files of the same columns in the same order and dialect, the largest group first', () => {
    // Prepare
    const files = [
      csv('학생_1.csv', ['번호', '이름']),
      csv('학생_2.csv', ['번호', '메모']),
      csv('학생_3.csv', ['번호', '이름']),
      csv('학생_4.csv', ['이름', '번호']),
      csv('학생_5.tsv', ['번호', '이름'], '\t'),
      { name: '학생_6.csv', unreadable: 'is empty' },
    ];

    // Act
    const groups = groupByHeader(files);

    // Assess
    expect(groups.map((g) => g.files)).toEqual([
      ['학생_1.csv', '학생_3.csv'],
      ['학생_2.csv'],
      ['학생_4.csv'],
      ['학생_5.tsv'],
    ]);
  });
});

describe('crawlFailureCause', () => {
  it('names the prefix, the files and their headers, and the way out', () => {
    // Prepare
    const files = [
      csv('학생_1.csv', ['id', '이름', '주소']),
      csv('학생_2.csv', ['id', '이름', '주소']),
      csv('old/학생_3.csv', ['id', '메모']),
    ];

    // Act
    const cause = crawlFailureCause(facts(files));

    // Assess
    expect(cause).toBe(
      'crawler_dev_학생 failed crawling s3://drop/학생/: The number of tables detected by crawler: 2 is greater than the table threshold value provided: 1. Failing crawler without writing to Data Catalog. ' +
        'The files under s3://drop/학생/ do not share one header: 학생_1.csv and 학생_2.csv have (id, 이름, 주소); old/학생_3.csv has (id, 메모). ' +
        'Keep one header per table (snapshots: replace keeps one file), fix or move the odd files, then run `npx csv-catalog sync --table 학생` (a redrive would fail again at this state)',
    );
  });

  it('says the dialect of a header that is not comma-delimited and double-quoted', () => {
    // Prepare
    const files = [csv('a.csv', ['id', '이름']), csv('b.tsv', ['id', '이름'], '\t', "'")];

    // Act
    const cause = crawlFailureCause(facts(files));

    // Assess
    expect(cause).toContain(
      "a.csv has (id, 이름); b.tsv has (id, 이름) tab-delimited, quoted with '.",
    );
  });

  it('names at most 20 files and shortens long headers', () => {
    // Prepare: 30 files of one header, 5 of another of 40 columns
    const wide = Array.from({ length: 40 }, (_, i) => `열_${i + 1}`);
    const files = [
      ...Array.from({ length: 30 }, (_, i) =>
        csv(`학생_${String(i).padStart(2, '0')}.csv`, ['id']),
      ),
      ...Array.from({ length: 5 }, (_, i) => csv(`넓은_${i}.csv`, wide)),
    ];

    // Act
    const cause = crawlFailureCause(facts(files));

    // Assess
    expect(cause.match(/\.csv/g)).toHaveLength(MAX_NAMED_FILES + 1);
    expect(cause).toContain('학생_18.csv, 학생_19.csv and 10 more have (id)');
    expect(cause).toContain(
      '넓은_0.csv and 4 more have (열_1, 열_2, 열_3, 열_4, 열_5, 열_6, 열_7, 열_8, … 40 columns)',
    );
  });

  it('counts the headers past the eighth rather than naming them', () => {
    // Prepare
    const files = Array.from({ length: 10 }, (_, i) => csv(`t_${i}.csv`, [`c${i}`]));

    // Act
    const cause = crawlFailureCause(facts(files));

    // Assess
    expect(cause).toContain('t_7.csv has (c7); 2 more headers in 2 more files.');
    expect(cause).not.toContain('t_8.csv');
  });

  it('lists files that cannot be read as CSV, with the first reason', () => {
    // Prepare
    const files = [
      csv('학생_1.csv', ['id']),
      { name: '빈파일.csv', unreadable: 'is empty' },
      { name: '깨진.csv', unreadable: 'holds only whitespace' },
    ];

    // Act
    const cause = crawlFailureCause(facts(files));

    // Assess
    expect(cause).toContain(
      'do not share one header: 학생_1.csv has (id); 빈파일.csv and 깨진.csv cannot be read as CSV (빈파일.csv: is empty).',
    );
  });

  it('says when every file shares one header: the crawl failed for another reason', () => {
    // Prepare
    const files = [csv('학생_1.csv', ['id', '이름']), csv('학생_2.csv', ['id', '이름'])];

    // Act
    const cause = crawlFailureCause({
      ...facts(files),
      errorMessage: 'Internal Service Exception',
    });

    // Assess
    expect(cause).toBe(
      "crawler_dev_학생 failed crawling s3://drop/학생/: Internal Service Exception. All 2 files under s3://drop/학생/ share one header (id, 이름): the crawl failed for another reason (see the crawler's log under /aws-glue/crawlers). Once it is dealt with, run `npx csv-catalog sync --table 학생` (a redrive would fail again at this state)",
    );
  });

  it('says how many files were read when the prefix holds more', () => {
    // Prepare
    const files = [csv('a.csv', ['id']), csv('b.csv', ['이름'])];

    // Act
    const cause = crawlFailureCause(facts(files, 900));

    // Assess
    expect(cause).toContain(
      'The files under s3://drop/학생/ (the first 2 of 900 files read) do not share',
    );
  });

  it('keeps the cause within the 32,768 characters a Fail state may give', () => {
    // Prepare
    const files = [csv('a.csv', ['id']), csv('b.csv', ['이름'])];

    // Act
    const cause = crawlFailureCause({ ...facts(files), errorMessage: '오류'.repeat(20_000) });

    // Assess
    expect(cause).toHaveLength(MAX_CAUSE_LENGTH);
    expect(cause.endsWith('…')).toBe(true);
  });

  it('says when the prefix holds no file', () => {
    // Act
    const cause = crawlFailureCause(facts([]));

    // Assess
    expect(cause).toContain('There are no files under s3://drop/학생/ now');
  });
});

describe('describeHeader', () => {
  it('names an unusual delimiter by its code point', () => {
    // Act
    const described = describeHeader({ columns: ['a', 'b'], delimiter: '\u0001', quote: '"' });

    // Assess
    expect(described).toBe('(a, b) U+0001-delimited');
  });
});
