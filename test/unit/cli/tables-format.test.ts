import { describe, expect, it } from 'vitest';
import { formatTableOverviews } from '../../../cli/tables-format.js';
import type { TableOverview } from '../../../shared/tables/table-overview.js';

const OVERVIEW: TableOverview = {
  table: '회원',
  columns: [
    {
      catalog: { name: '회원_번호', type: 'string', comment: '회원 번호' },
      mysql: { name: '회원_번호', type: 'varchar(255)', comment: '회원 번호' },
    },
    { catalog: { name: 'memo', type: 'string', comment: '' } },
    { mysql: { name: '추가', type: 'text', comment: '' } },
  ],
  columnsDisagree: 'not in MySQL: memo; not in the catalog: 추가',
  file: { key: '회원/회원_20250901.csv', rows: 1234567 },
  mysqlRows: 1,
  crawler: {
    name: 'crawler_회원',
    exists: true,
    status: 'FAILED',
    startedAt: '2025-09-01T10:00:00.000Z',
    error: 'Internal Service Exception',
  },
  lastExecution: {
    name: 'hoewon-20250901-abc',
    status: 'FAILED',
    startedAt: '2025-09-01T09:59:00.000Z',
  },
  unfinishedLoads: [],
  problems: [],
};

describe('formatTableOverviews', () => {
  it('prints the facts, then the columns side by side aligned by terminal width, one side missing shown as (none)', () => {
    // Act
    const text = formatTableOverviews([OVERVIEW]);

    // Assess
    expect(text).toBe(
      [
        'TABLE      회원',
        'file       회원/회원_20250901.csv: 1,234,567 rows',
        'MySQL      1 row',
        'crawler    crawler_회원: FAILED (started 2025-09-01T10:00:00.000Z): Internal Service Exception',
        'execution  hoewon-20250901-abc FAILED 2025-09-01T09:59:00.000Z',
        'columns    DISAGREE: not in MySQL: memo; not in the catalog: 추가',
        '',
        'CATALOG COLUMN  TYPE    COMMENT    MYSQL COLUMN  TYPE          COMMENT',
        '--------------  ------  ---------  ------------  ------------  ---------',
        '회원_번호       string  회원 번호  회원_번호     varchar(255)  회원 번호',
        'memo            string             (none)',
        '(none)                             추가          text',
      ].join('\n'),
    );
  });

  it('says what is missing: no file, no MySQL table, no crawler, no execution, and what could not be read', () => {
    // Prepare
    const bare: TableOverview = {
      table: 't',
      columns: [],
      file: null,
      mysqlRows: null,
      crawler: { name: 'crawler_t', exists: false },
      lastExecution: null,
      unfinishedLoads: [],
      problems: ['catalog: connection refused'],
    };

    // Act
    const text = formatTableOverviews([bare, { ...bare, table: 'u' }]);

    // Assess
    expect(text.split('\n\n')).toHaveLength(4);
    expect(text).toContain('file       no CSV in place\nMySQL      no table\n');
    expect(text).toContain('crawler    crawler_t: no such crawler\nexecution  none recorded\n');
    expect(text).toContain(
      'columns    no catalog table, no MySQL table\nproblem    catalog: connection refused',
    );
  });

  it('names a load begun and not finished, and the staging table its rows wait in', () => {
    // Prepare
    const overview: TableOverview = {
      ...OVERVIEW,
      unfinishedLoads: [
        {
          key: '회원/회원_20250901.csv',
          mode: 'replace',
          state: 'loading',
          rows: 1,
          chunks: 3,
          at: '2025-09-01T10:05:00.000Z',
          stagingTable: '회원__load_1a2b3c4d',
          stagingExists: true,
        },
      ],
    };

    // Act
    const text = formatTableOverviews([overview]);

    // Assess
    expect(text).toContain(
      "load       not finished: replace of 회원/회원_20250901.csv (loading, 3 chunks, 1 row so far, last at 2025-09-01T10:05:00.000Z); its rows wait in staging table 회원__load_1a2b3c4d. Running, or stopped: its execution's cause says why, and a redrive finishes it\n",
    );
  });
});
