import stringWidth from 'string-width';
import { expect, it } from 'vitest';
import { formatRunSummary } from '../../../cli/run-summary.js';
import type { ExecutionView, RunReport } from '../../../local/stack/run-report.js';
import type { JsonValue } from '../../../local/workflow/json-value.js';

function execution(sourceKey: string, output: ExecutionView['output']): ExecutionView {
  return {
    file: sourceKey,
    sourceKey,
    key: `memo/${sourceKey}`,
    table: 'memo',
    status: 'SUCCEEDED',
    error: null,
    cause: null,
    states: [],
    execution: 'memo-20250901-0123456789',
    durationMs: 1200,
    output,
  };
}

it('prints each warning of an execution under the table, naming the file', () => {
  // Prepare: one execution whose CoerceSchema found a quoted line break, one without
  const warning =
    's3://b/memo/MEMO_20250901.csv: line 2 holds a line break inside a quoted field; Athena (OpenCSVSerDe) reads such records split in two';
  const report: RunReport = {
    executions: [
      execution('MEMO_20250901.csv', {
        outcome: 'catalogued',
        warnings: { count: 1, first: [warning] },
      }),
      execution('학생_20250901.csv', { outcome: 'catalogued', warnings: { count: 0, first: [] } }),
    ],
    bucket: { name: 'b', keys: [] },
    catalog: { database: 'csv_catalog', tables: {} },
    rds: { database: 'csv_catalog', tables: {} },
  };

  // Act
  const text = formatRunSummary(report);

  // Assess
  expect(text).toContain(`MEMO_20250901.csv: warning — ${warning}`);
  expect(text).not.toContain('학생_20250901.csv: warning');
});

/** A report of these executions, each on its own table. */
function reportOf(executions: ExecutionView[]): RunReport {
  return {
    executions,
    bucket: { name: 'b', keys: [] },
    catalog: { database: 'csv_catalog', tables: {} },
    rds: { database: 'csv_catalog', tables: {} },
  };
}

/** The table's line for `sourceKey`, split on the two-space column gaps. */
function rowOf(text: string, sourceKey: string): string[] {
  const line = text.split('\n').find((l) => l.startsWith(sourceKey));
  return (line ?? '').split(/ {2,}/);
}

it('shows the rows each execution loaded into MySQL, replaced or appended, `-` when off or older', () => {
  // Prepare: Korean tables replaced and appended, one with loading off, one from before loading
  const loaded = (over: Record<string, JsonValue>) => ({
    outcome: 'catalogued',
    load: {
      done: true,
      offset: 1_048_576,
      chunks: 1,
      eTag: '"0123456789abcdef"',
      rows: 0,
      mode: 'replace',
      alreadyLoaded: false,
      resumed: false,
      skipped: null,
      widened: { count: 0, first: [] },
      ...over,
    },
  });
  const report = reportOf([
    { ...execution('학생_명단_20250901.csv', loaded({ rows: 1234 })), table: '학생_명단' },
    {
      ...execution('검사_결과_20250901.csv', loaded({ rows: 56, mode: 'append' })),
      table: '검사_결과',
    },
    { ...execution('MEMO_20250901.csv', { outcome: 'catalogued', load: { mode: 'off' } }) },
    { ...execution('school_info_20250901.csv', { outcome: 'catalogued' }), table: 'school_info' },
  ]);

  // Act
  const text = formatRunSummary(report);

  // Assess: one rows column, aligned by display width (Hangul takes two columns)
  const header = text.split('\n')[0] ?? '';
  expect(header.split(/ {2,}/)).toEqual([
    'file',
    'table',
    'status',
    'duration',
    'crawler',
    'columns',
    'DDL',
    'rows',
  ]);
  expect(rowOf(text, '학생_명단_20250901.csv').at(-1)).toBe('1,234 replaced');
  expect(rowOf(text, '검사_결과_20250901.csv').at(-1)).toBe('+56 appended');
  expect(rowOf(text, 'MEMO_20250901.csv').at(-1)).toBe('-');
  expect(rowOf(text, 'school_info_20250901.csv').at(-1)).toBe('-');
  const rowsColumn = (line: string) => stringWidth(line.slice(0, line.lastIndexOf('  ') + 2));
  const lines = text.split('\n').slice(2, 6);
  expect(new Set(lines.map(rowsColumn))).toEqual(new Set([stringWidth(header) - 'rows'.length]));
});

it('says when a load was chunked, resumed, already done or skipped, and which columns it widened', () => {
  // Prepare
  const load = (over: Record<string, JsonValue>) => ({
    outcome: 'catalogued',
    load: {
      done: true,
      offset: 10,
      chunks: 1,
      eTag: '"e"',
      rows: 3,
      mode: 'append',
      alreadyLoaded: false,
      resumed: false,
      skipped: null,
      widened: { count: 0, first: [] },
      ...over,
    },
  });
  const report = reportOf([
    execution(
      '학생_20250901.csv',
      load({
        mode: 'replace',
        rows: 2_000_000,
        chunks: 4,
        resumed: true,
        widened: { count: 3, first: ['비고 VARCHAR(255) → TEXT', 'memo TEXT → MEDIUMTEXT'] },
      }),
    ),
    execution('교사_20250901.csv', load({ alreadyLoaded: true })),
    execution('반_20250901.csv', load({ skipped: 'superseded', rows: 0 })),
  ]);

  // Act
  const text = formatRunSummary(report);

  // Assess
  expect(rowOf(text, '학생_20250901.csv').at(-1)).toBe('2,000,000 replaced (4 chunks, resumed)');
  expect(rowOf(text, '교사_20250901.csv').at(-1)).toBe('+3 appended (already loaded)');
  expect(rowOf(text, '반_20250901.csv').at(-1)).toBe('skipped (superseded)');
  expect(text).toContain(
    '학생_20250901.csv: widened 3 columns to fit its values — 비고 VARCHAR(255) → TEXT, memo TEXT → MEDIUMTEXT and 1 more',
  );
  expect(text).not.toContain('교사_20250901.csv: widened');
});
