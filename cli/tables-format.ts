import type { UnfinishedLoad } from '../shared/mysql/unfinished-loads.js';
import type { TableOverview } from '../shared/tables/table-overview.js';
import { formatTable } from './format-table.js';

/** Shown on the side a column is missing from. */
const ABSENT = '(none)';

/**
 * One block per table: what it holds where (file, MySQL, crawler, last execution), then the
 * catalog's columns and MySQL's side by side, aligned by terminal width (Hangul takes two).
 */
export function formatTableOverviews(overviews: readonly TableOverview[]): string {
  return overviews.map(formatOverview).join('\n\n');
}

function formatOverview(o: TableOverview): string {
  const facts: string[][] = [
    ['file', o.file ? `${o.file.key}: ${rowsText(o.file.rows)}` : 'no CSV in place'],
    ['MySQL', o.mysqlRows === null ? 'no table' : rowsText(o.mysqlRows)],
    ['crawler', crawlerText(o)],
    [
      'execution',
      o.lastExecution
        ? `${o.lastExecution.name} ${o.lastExecution.status} ${o.lastExecution.startedAt}`
        : 'none recorded',
    ],
    ['columns', columnsText(o)],
    ...o.unfinishedLoads.map((load) => ['load', unfinishedLoadText(load)]),
    ...o.problems.map((p) => ['problem', p]),
  ];
  const columns = formatTable(
    ['CATALOG COLUMN', 'TYPE', 'COMMENT', 'MYSQL COLUMN', 'TYPE', 'COMMENT'],
    o.columns.map((pair) => [
      pair.catalog?.name ?? ABSENT,
      pair.catalog?.type ?? '',
      pair.catalog?.comment ?? '',
      pair.mysql?.name ?? ABSENT,
      pair.mysql?.type ?? '',
      pair.mysql?.comment ?? '',
    ]),
  );
  const factLines = formatTable(['TABLE', o.table], facts).split('\n');
  // The header line names the table; the dashes under it add nothing to a list of facts.
  return [factLines[0], ...factLines.slice(2), '', columns].join('\n');
}

function rowsText(rows: number): string {
  return `${rows.toLocaleString('en-US')} ${rows === 1 ? 'row' : 'rows'}`;
}

function crawlerText(o: TableOverview): string {
  const c = o.crawler;
  if (!c.exists) return `${c.name}: no such crawler`;
  if (!c.status) return `${c.name}: no crawl finished yet`;
  const at = c.startedAt ? ` (started ${c.startedAt})` : '';
  return `${c.name}: ${c.status}${at}${c.error ? `: ${c.error}` : ''}`;
}

function columnsText(o: TableOverview): string {
  if (o.columnsDisagree) return `DISAGREE: ${o.columnsDisagree}`;
  return o.columns.length ? 'catalog and MySQL agree' : 'no catalog table, no MySQL table';
}

/**
 * A load that began and has not finished: running now, or stopped after some chunks with
 * its rows in a staging table until a redrive of its execution finishes it.
 */
export function unfinishedLoadText(load: UnfinishedLoad): string {
  const chunks = `${load.chunks} ${load.chunks === 1 ? 'chunk' : 'chunks'}`;
  const where = load.stagingExists
    ? `its rows wait in staging table ${load.stagingTable}`
    : `staging table ${load.stagingTable} is gone`;
  return `not finished: ${load.mode} of ${load.key} (${load.state}, ${chunks}, ${rowsText(load.rows)} so far, last at ${load.at}); ${where}. Running, or stopped: its execution's cause says why, and a redrive finishes it`;
}
