import type { ConsoleEvent, SyncOutcome, TableOverview } from '../console-api.js';
import { columnPairsBlock, columnsId } from './column-pairs-block.js';
import { fill, h, listTable } from './dom.js';
import { formatTime } from './format.js';
import { statusBadge } from './status-badge.js';
import { executionHref, type View, type ViewContext } from './view.js';

const HEADINGS = [
  'Table',
  'File',
  'Rows in file',
  'Rows in MySQL',
  'Crawler',
  'Last execution',
  'Columns',
  '',
];

/**
 * What `csv-catalog tables` shows: one line per table (file and MySQL rows, crawler, last
 * execution, whether the columns agree, a Sync button), then each table's catalog and MySQL
 * columns side by side. A table is read again when one of its executions ends.
 */
export function tablesView({ api }: ViewContext): View {
  const tbody = h('tbody');
  const columns = h('div', { class: 'columns' });
  const message = h(
    'p',
    { class: 'note', role: 'status' },
    'Reading the catalog, MySQL and the bucket…',
  );
  const lines = new Map<string, { line: HTMLTableRowElement; block: HTMLDetailsElement }>();

  const show = (overview: TableOverview) => {
    const line = tableLine(overview, (button, result) => sync(overview.table, button, result));
    const block = columnPairsBlock(overview);
    const existing = lines.get(overview.table);
    lines.set(overview.table, { line, block });
    if (existing) {
      // The Sync result stays shown across a reload of the line.
      const previous = existing.line.querySelector('.sync-result');
      if (previous?.textContent) line.querySelector('.sync-result')?.replaceWith(previous);
      const focused = existing.line.contains(document.activeElement);
      block.open = existing.block.open;
      existing.line.replaceWith(line);
      existing.block.replaceWith(block);
      if (focused) line.querySelector<HTMLButtonElement>('button.sync')?.focus();
    } else {
      tbody.append(line);
      columns.append(block);
    }
  };
  const sync = async (table: string, button: HTMLButtonElement, result: HTMLElement) => {
    button.disabled = true;
    fill(result, 'Starting…');
    try {
      const answer = await api.post<{ outcomes: SyncOutcome[] }>('/api/sync', { tables: [table] });
      fill(result, ...answer.outcomes.map(outcomeText));
    } catch (error) {
      fill(result, `Refused: ${(error as Error).message}`);
    } finally {
      button.disabled = false;
    }
  };
  const load = async (only?: string) => {
    const query = only ? `?table=${encodeURIComponent(only)}` : '';
    try {
      const answer = await api.get<{ tables: TableOverview[] }>(`/api/tables${query}`);
      for (const overview of answer.tables) show(overview);
      if (!only) {
        message.hidden = answer.tables.length > 0;
        message.textContent = 'No tables yet: neither the catalog nor MySQL has one.';
      }
    } catch (error) {
      message.hidden = false;
      message.textContent = `Could not read the tables: ${(error as Error).message}`;
    }
  };
  void load();

  document.title = 'Tables · csv-catalog';
  const element = h(
    'section',
    { class: 'tables' },
    h('h1', {}, 'Tables'),
    message,
    listTable('tables', HEADINGS, tbody),
    h('h2', {}, 'Columns: catalog and MySQL'),
    columns,
  );
  return {
    element,
    onEvent(event: ConsoleEvent) {
      if (event.type === 'execution' && event.row.status !== 'RUNNING') void load(event.row.table);
    },
    refresh: () => void load(),
  };
}

function tableLine(
  o: TableOverview,
  sync: (button: HTMLButtonElement, result: HTMLElement) => void,
): HTMLTableRowElement {
  const result = h('div', { class: 'sync-result', role: 'status' });
  const button: HTMLButtonElement = h(
    'button',
    { type: 'button', class: 'sync', onclick: () => sync(button, result) },
    'Sync',
  );
  button.setAttribute('aria-label', `Sync ${o.table}`);
  const crawler = o.crawler;
  return h(
    'tr',
    { 'data-table': o.table },
    h('th', { scope: 'row' }, h('a', { href: '#/tables', onclick: showColumns(o.table) }, o.table)),
    // The key less the table's prefix: the file's name (the whole key on hover).
    h(
      'td',
      { class: 'file', title: o.file?.key },
      o.file ? o.file.key.slice(o.file.key.lastIndexOf('/') + 1) : 'none in place',
    ),
    h('td', { class: 'num' }, o.file ? o.file.rows.toLocaleString('en-US') : '—'),
    h(
      'td',
      { class: 'num' },
      o.mysqlRows === null ? 'no table' : o.mysqlRows.toLocaleString('en-US'),
    ),
    h(
      'td',
      {},
      !crawler.exists
        ? 'none'
        : crawler.status
          ? [
              statusBadge(crawler.status),
              ' ',
              h('span', { class: 'time' }, formatTime(crawler.startedAt)),
            ]
          : 'never finished a crawl',
      crawler.error ? h('div', { class: 'reason' }, crawler.error) : undefined,
    ),
    h(
      'td',
      {},
      o.lastExecution
        ? [
            h('a', { href: executionHref(o.lastExecution.name) }, o.lastExecution.name),
            ' ',
            statusBadge(o.lastExecution.status),
          ]
        : 'none',
    ),
    h(
      'td',
      {},
      o.columnsDisagree
        ? h('span', { class: 'status s-failed' }, `Disagree: ${o.columnsDisagree}`)
        : h('span', { class: 'nowrap' }, `${o.columns.length}, agree`),
      o.unfinishedLoads.map((load) =>
        h(
          'div',
          { class: 'reason problem' },
          `Load not finished: ${load.mode} of ${load.key} (${load.state}, ${load.chunks} ${load.chunks === 1 ? 'chunk' : 'chunks'}, ${load.rows.toLocaleString('en-US')} rows so far, ${formatTime(load.at)}); ${load.stagingExists ? `rows wait in ${load.stagingTable}` : `${load.stagingTable} is gone`}. Running, or stopped: its execution's cause says why, and Redrive finishes it.`,
        ),
      ),
      o.problems.map((p) => h('div', { class: 'reason problem' }, p)),
    ),
    h('td', { class: 'actions' }, button, result),
  );
}

function outcomeText(outcome: SyncOutcome): HTMLElement {
  const name = outcome.execution?.name;
  if (outcome.status === 'started' && name) {
    return h('span', {}, 'Started ', h('a', { href: executionHref(name) }, name));
  }
  return h(
    'span',
    {},
    `${outcome.status}: ${outcome.reason ?? ''}`,
    outcome.warning ? ` (${outcome.warning})` : '',
  );
}

/** The table name jumps to its columns (a hash link would leave the view). */
function showColumns(table: string): (event: Event) => void {
  return (event) => {
    event.preventDefault();
    const block = document.getElementById(columnsId(table));
    if (!(block instanceof HTMLDetailsElement)) return;
    block.open = true;
    block.scrollIntoView({ block: 'start' });
    block.querySelector('summary')?.focus();
  };
}
