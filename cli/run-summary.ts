import { withLocalCommands } from '../local/stack/local-hints.js';
import type { RunReport } from '../local/stack/run-report.js';
import { readableCause } from '../shared/aws/readable-cause.js';
import { formatTable } from './format-table.js';

/** The `local run` table: one row per dropped file, then the reason of each that did not succeed. */
export function formatRunSummary(report: RunReport, dir?: string): string {
  const rows = report.executions.map((e) => {
    const output = asRecord(e.output);
    const table = e.table ? report.catalog.tables[e.table] : undefined;
    return [
      e.sourceKey,
      e.table ?? '-',
      e.status,
      e.durationMs === null ? '-' : `${(e.durationMs / 1000).toFixed(1)}s`,
      crawlerCell(output),
      table ? String(table.columns.length) : '-',
      ddlCell(output),
      rowsCell(output),
    ];
  });
  const lines = [
    formatTable(['file', 'table', 'status', 'duration', 'crawler', 'columns', 'DDL', 'rows'], rows),
  ];
  const problems = report.executions.filter((e) => e.status !== 'SUCCEEDED');
  for (const e of problems) {
    const failedState = e.states.find((s) => s.status === 'FAILED')?.name;
    lines.push(
      `${e.sourceKey}: ${e.status}${failedState ? ` at ${failedState}` : ''}${e.cause ? ` — ${cause(e.cause, dir)}` : ''}`,
    );
  }
  for (const e of report.executions) {
    // `{ count, first }` (the state keeps the first few) or, in older records, an array.
    const warnings = asRecord(e.output).warnings;
    const shown = Array.isArray(warnings) ? warnings : asRecord(warnings).first;
    if (!Array.isArray(shown)) continue;
    for (const warning of shown) lines.push(`${e.sourceKey}: warning — ${String(warning)}`);
    const more = Number(asRecord(warnings).count ?? shown.length) - shown.length;
    if (more > 0) lines.push(`${e.sourceKey}: ${more} more warning(s) in CoerceSchema's log`);
  }
  for (const e of report.executions) {
    const widened = asRecord(asRecord(e.output).load).widened;
    const shown = asRecord(widened).first;
    const count = Number(asRecord(widened).count ?? 0);
    if (!Array.isArray(shown) || count === 0) continue;
    const more = count > shown.length ? ` and ${count - shown.length} more` : '';
    lines.push(
      `${e.sourceKey}: widened ${count} column${count > 1 ? 's' : ''} to fit its values — ${shown.map(String).join(', ')}${more}`,
    );
  }
  if (report.rds.unavailable) lines.push(`MySQL: ${report.rds.unavailable}`);
  const succeeded = report.executions.filter((e) => e.status === 'SUCCEEDED').length;
  const mysql = report.rds.ddlOut
    ? `MySQL DDL in ${report.rds.ddlOut}/<table>.sql (not run)`
    : `${Object.keys(report.rds.tables).length} MySQL tables in ${report.rds.database}`;
  lines.push(
    `${succeeded} of ${report.executions.length} succeeded; ${Object.keys(report.catalog.tables).length} catalog tables in ${report.catalog.database}, ${mysql}`,
  );
  return lines.join('\n');
}

function cause(text: string, dir: string | undefined): string {
  const readable = readableCause(text) ?? text;
  return dir ? withLocalCommands(readable, dir) : readable;
}

function crawlerCell(output: Record<string, unknown>): string {
  if (output.superseded === true) return 'superseded';
  const crawl = asRecord(output.crawl);
  const crawler = asRecord(output.crawler);
  if (Object.keys(crawl).length === 0) return '-';
  return `${crawl.crawl ? 'crawled' : 'skipped'} (${String(crawler.action ?? '?')})`;
}

function ddlCell(output: Record<string, unknown>): string {
  const mysql = asRecord(output.mysql);
  // A count; older records hold the statements themselves.
  const statements = Array.isArray(mysql.statements)
    ? mysql.statements.length
    : typeof mysql.statements === 'number'
      ? mysql.statements
      : undefined;
  if (statements === undefined) return '-';
  if (mysql.created === true) return 'created';
  return statements === 0 ? 'unchanged' : `${statements} statement${statements > 1 ? 's' : ''}`;
}

/**
 * The rows LoadRows put into MySQL: `1,234 replaced` (the table's rows now), `+56 appended`;
 * `-` when loading is off or the execution's output predates loading (no `load`).
 */
function rowsCell(output: Record<string, unknown>): string {
  const load = asRecord(output.load);
  if (load.mode !== 'replace' && load.mode !== 'append') return '-';
  if (typeof load.skipped === 'string') return `skipped (${load.skipped})`;
  const rows = typeof load.rows === 'number' ? load.rows : undefined;
  if (rows === undefined) return '-';
  const count = ROW_COUNT.format(rows);
  const cell = load.mode === 'replace' ? `${count} replaced` : `+${count} appended`;
  const notes = [
    load.done === false ? 'unfinished' : undefined,
    typeof load.chunks === 'number' && load.chunks > 1 ? `${load.chunks} chunks` : undefined,
    load.alreadyLoaded === true ? 'already loaded' : undefined,
    load.resumed === true ? 'resumed' : undefined,
  ].filter(Boolean);
  return notes.length ? `${cell} (${notes.join(', ')})` : cell;
}

/** Thousands grouped the same way on every machine, whatever its locale. */
const ROW_COUNT = new Intl.NumberFormat('en-US');

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
