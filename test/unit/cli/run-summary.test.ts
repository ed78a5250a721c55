import { expect, it } from 'vitest';
import { formatRunSummary } from '../../../cli/run-summary.js';
import type { ExecutionView, RunReport } from '../../../local/stack/run-report.js';

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
