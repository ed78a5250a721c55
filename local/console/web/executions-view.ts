import type { ConsoleEvent, ConsoleRow, ExecutionRow } from '../console-api.js';
import { fill, h, listTable } from './dom.js';
import { formatDuration, formatTime } from './format.js';
import { statusBadge } from './status-badge.js';
import { executionHref, type View, type ViewContext } from './view.js';

/** The statuses the filter offers, as `executions --status` takes them. */
const FILTERS = [
  ['RUNNING', 'Running'],
  ['SUCCEEDED', 'Succeeded'],
  ['FAILED', 'Failed'],
  ['ABORTED', 'Aborted'],
  ['TIMED_OUT', 'Timed out'],
  ['PENDING_REDRIVE', 'Pending redrive'],
  ['REFUSED', 'Refused (filing)'],
  ['SKIPPED', 'Skipped (filing)'],
] as const;

const LIMIT = 200;
const HEADINGS = ['Execution', 'Table', 'File', 'Status', 'Started', 'Duration'];

/**
 * The start view: executions and refused or skipped files, newest first, filtered by status
 * and table through the hash (`#/executions?status=FAILED&table=member`), kept live by the
 * event stream: a row is added or replaced in place, never the whole list reloaded.
 */
export function executionsView({ api, params }: ViewContext): View {
  const status = params.get('status') ?? '';
  const table = params.get('table') ?? '';
  const rows = new Map<string, HTMLTableRowElement>();
  const tables = new Set<string>(table ? [table] : []);
  const tbody = h('tbody');
  const message = h('p', { class: 'note', role: 'status' }, 'Loading…');
  const tableSelect = h('select', { id: 'filter-table', onchange: () => applyFilter() });
  const statusSelect = h(
    'select',
    { id: 'filter-status', onchange: () => applyFilter() },
    h('option', { value: '' }, 'Any status'),
    FILTERS.map(([value, label]) => h('option', { value, selected: value === status }, label)),
  );
  const applyFilter = () => {
    const query = new URLSearchParams();
    if (statusSelect.value) query.set('status', statusSelect.value);
    if (tableSelect.value) query.set('table', tableSelect.value);
    location.hash = `#/executions${query.size ? `?${query}` : ''}`;
  };
  const fillTableOptions = () => {
    const names = [...tables].sort((a, b) => a.localeCompare(b));
    fill(
      tableSelect,
      h('option', { value: '' }, 'Any table'),
      names.map((name) => h('option', { value: name, selected: name === table }, name)),
    );
  };
  fillTableOptions();

  const matches = (row: ConsoleRow) =>
    (!status || row.status === status) && (!table || row.table === table);
  const show = (row: ConsoleRow) => {
    if (row.table && !tables.has(row.table)) {
      tables.add(row.table);
      fillTableOptions();
    }
    const key = rowKey(row);
    const existing = rows.get(key);
    if (!matches(row)) {
      // A running execution that failed leaves the Running filter's list.
      existing?.remove();
      rows.delete(key);
      return;
    }
    const element = rowElement(row);
    rows.set(key, element);
    // A row keeps its place (and the keyboard's focus) when it changes; a newer refusal of the
    // same file moves to the top.
    const focused = existing?.contains(document.activeElement) ?? false;
    if (existing?.dataset.started === row.startedAt) existing.replaceWith(element);
    else {
      existing?.remove();
      insertNewestFirst(tbody, element);
    }
    if (focused) element.focus();
    message.hidden = true;
  };
  // Rows the event stream brought while a list was on its way, applied again on top of it:
  // the list may have been read before the last of them.
  let arrived: ConsoleRow[] | undefined;
  const load = async () => {
    const query = new URLSearchParams({ limit: String(LIMIT) });
    if (status) query.set('status', status);
    if (table) query.set('table', table);
    arrived = [];
    try {
      const answer = await api.get<{ rows: ConsoleRow[] }>(`/api/executions?${query}`);
      rows.clear();
      tbody.replaceChildren();
      for (const row of [...answer.rows, ...arrived]) show(row);
      message.hidden = rows.size > 0;
      message.textContent = status || table ? 'Nothing matches.' : emptyText(api.session.bucket);
    } catch (error) {
      message.hidden = false;
      message.textContent = `Could not list executions: ${(error as Error).message}`;
    } finally {
      arrived = undefined;
    }
  };
  void load();
  // Durations of running executions count up between events.
  const ticker = window.setInterval(() => tickDurations(tbody), 1000);

  const element = h(
    'section',
    { class: 'executions' },
    h('h1', {}, 'Executions'),
    h(
      'form',
      { class: 'filters', onsubmit: (event: Event) => event.preventDefault() },
      h('label', { for: 'filter-status' }, 'Status'),
      statusSelect,
      h('label', { for: 'filter-table' }, 'Table'),
      tableSelect,
    ),
    listTable('executions', HEADINGS, tbody),
    message,
  );
  document.title = 'Executions · csv-catalog';
  return {
    element,
    onEvent(event: ConsoleEvent) {
      if (event.type !== 'execution' && event.type !== 'file') return;
      arrived?.push(event.row);
      show(event.row);
    },
    refresh: () => void load(),
    dispose: () => window.clearInterval(ticker),
  };
}

/** A refused or skipped file is one key at the bucket root: its newest refusal shows. */
function rowKey(row: ConsoleRow): string {
  return `${row.kind}:${row.name}`;
}

function rowElement(row: ConsoleRow): HTMLTableRowElement {
  const started = h('td', { class: 'time', 'data-label': 'Started' }, formatTime(row.startedAt));
  if (row.kind === 'file') {
    return h(
      'tr',
      { 'data-name': row.name, 'data-status': row.status, 'data-started': row.startedAt },
      h('td', { class: 'name' }, row.name),
      h('td', { 'data-label': 'Table' }, row.table ?? ''),
      h('td', { class: 'file', 'data-label': 'File' }, row.name),
      h('td', {}, statusBadge(row.status), h('div', { class: 'reason' }, row.cause)),
      started,
      h('td', { class: 'num' }, ''),
    );
  }
  const href = executionHref(row.name);
  const open = () => {
    location.hash = href;
  };
  return h(
    'tr',
    {
      class: 'link-row',
      tabindex: 0,
      'data-name': row.name,
      'data-status': row.status,
      'data-started': row.startedAt,
      onclick: (event: Event) => {
        if (!(event.target as Element).closest('a')) open();
      },
      onkeydown: (event: Event) => {
        if ((event as KeyboardEvent).key === 'Enter' && event.target === event.currentTarget)
          open();
      },
    },
    h('td', { class: 'name' }, h('a', { href, tabindex: -1 }, row.name)),
    h('td', { 'data-label': 'Table' }, row.table),
    h('td', { class: 'file', 'data-label': 'File' }, row.file),
    h('td', {}, statusBadge(row.status), failureNote(row)),
    started,
    h('td', { class: 'num duration', 'data-label': 'Duration' }, formatDuration(row.durationMs)),
  );
}

function failureNote(row: ExecutionRow): HTMLElement | undefined {
  const parts = [
    row.failure?.state && `at ${row.failure.state}`,
    row.failure?.error,
    row.redriveCount > 0 && `redriven ${row.redriveCount}×`,
  ].filter(Boolean);
  return parts.length ? h('div', { class: 'reason' }, parts.join(' · ')) : undefined;
}

/** Newest first: before the first row that started earlier. */
function insertNewestFirst(tbody: HTMLTableSectionElement, element: HTMLTableRowElement): void {
  const started = element.dataset.started ?? '';
  const later = [...tbody.rows].find((row) => (row.dataset.started ?? '') < started);
  tbody.insertBefore(element, later ?? null);
}

function tickDurations(tbody: HTMLTableSectionElement): void {
  for (const row of tbody.rows) {
    if (row.dataset.status !== 'RUNNING') continue;
    const cell = row.querySelector('.duration');
    const started = Date.parse(row.dataset.started ?? '');
    if (cell && !Number.isNaN(started)) cell.textContent = formatDuration(Date.now() - started);
  }
}

function emptyText(bucket: string): string {
  return `Nothing yet. Drop a CSV at the root of s3://${bucket}/ (aws s3 cp FILE.csv s3://${bucket}/ --endpoint-url …) and it shows here.`;
}
