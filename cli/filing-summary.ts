import type { FilingOutcome } from '../shared/filing/filing-outcome.js';
import { formatTable } from './format-table.js';

export interface FilingSummary {
  filed: {
    sourceKey: string;
    table: string;
    key: string;
    superseded: boolean;
    execution?: string;
  }[];
  skipped: { sourceKey: string; reason: string }[];
  failed: { sourceKey: string; error: string; reason: string }[];
}

export function summarizeFiling(outcomes: FilingOutcome[]): FilingSummary {
  const summary: FilingSummary = { filed: [], skipped: [], failed: [] };
  for (const o of outcomes) {
    if (o.status === 'filed') {
      summary.filed.push({
        sourceKey: o.sourceKey,
        table: o.table,
        key: o.key,
        superseded: o.superseded,
        execution: o.execution?.name,
      });
    } else if (o.status === 'skipped') {
      summary.skipped.push({ sourceKey: o.sourceKey, reason: o.reason });
    } else {
      summary.failed.push({ sourceKey: o.sourceKey, error: o.error, reason: o.reason });
    }
  }
  return summary;
}

/** The summary as text: one table per kind, then totals. */
export function formatFilingSummary(summary: FilingSummary): string {
  const parts: string[] = [];
  if (summary.filed.length > 0) {
    parts.push(
      `Filed (${summary.filed.length})`,
      formatTable(
        ['file', 'table', 'now at'],
        summary.filed.map((f) => [f.sourceKey, f.table, f.key]),
      ),
    );
  }
  if (summary.skipped.length > 0) {
    parts.push(
      `\nSkipped (${summary.skipped.length})`,
      formatTable(
        ['file', 'reason'],
        summary.skipped.map((s) => [s.sourceKey, s.reason]),
      ),
    );
  }
  if (summary.failed.length > 0) {
    parts.push(
      `\nFailed (${summary.failed.length})`,
      formatTable(
        ['file', 'reason'],
        summary.failed.map((f) => [f.sourceKey, f.reason]),
      ),
    );
  }
  parts.push(
    `\n${summary.filed.length} filed, ${summary.skipped.length} skipped, ${summary.failed.length} failed`,
  );
  return parts.join('\n');
}
