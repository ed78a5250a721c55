import type {
  ConsoleEvent,
  ExecutionDetail,
  ExecutionRow,
  HistoryEvent,
  JsonValue,
  RedriveAnswer,
  StateMachineView,
} from '../console-api.js';
import { append, fill, h, listTable, prettyJson } from './dom.js';
import { formatDuration, formatElapsed, formatTime } from './format.js';
import { countsText, type StateGraph, stateGraph } from './state-graph.js';
import { statusBadge } from './status-badge.js';
import type { View, ViewContext } from './view.js';

/** Statuses a redrive restarts (the button shows only for these). */
const REDRIVABLE = new Set(['FAILED', 'ABORTED', 'TIMED_OUT']);

/** A state machine does not change while the page is open: read it once. */
let stateMachine: Promise<StateMachineView> | undefined;

/**
 * One execution: its facts, Redrive, the workflow's states coloured by this execution, the
 * chosen state's input, output, error and cause, and the event history. Reloaded whenever
 * the event stream says the execution moved.
 */
export function executionView(name: string, { api }: ViewContext): View {
  stateMachine ??= api.get<StateMachineView>('/api/state-machine');
  let detail: ExecutionDetail | undefined;
  let selected: string | undefined;
  let graph: StateGraph | undefined;
  let redriveNote = '';
  const summary = h('dl', { class: 'summary' });
  const redriveButton = h('button', { type: 'button', id: 'redrive', onclick: () => redrive() });
  const redriveText = h('span', { class: 'redrive-reason', id: 'redrive-reason' });
  const redriveBox = h('div', { class: 'redrive', hidden: true }, redriveButton, redriveText);
  const graphBox = h('div', { class: 'graph-box' });
  const panel = h('section', { class: 'state-panel', id: 'state-panel', 'aria-live': 'polite' });
  const history = h('tbody');
  const message = h('p', { class: 'note', role: 'status' }, 'Loading…');

  const select = (state: string) => {
    selected = state;
    paint();
    // In a narrow window the panel is under the graph (console.css): brought into view.
    if (matchMedia('(max-width: 760px)').matches) panel.scrollIntoView({ block: 'start' });
  };
  const paint = () => {
    if (!detail) return;
    paintSummary(summary, detail.execution);
    paintRedrive(detail.execution);
    graph?.paint(detail.states, selected);
    paintPanel(panel, detail, selected);
    paintHistory(history, detail.events);
  };
  const paintRedrive = (execution: ExecutionRow) => {
    const unsuccessful = REDRIVABLE.has(execution.status);
    redriveBox.hidden = !unsuccessful && !redriveNote;
    redriveButton.hidden = !unsuccessful;
    redriveButton.textContent = 'Redrive';
    if (unsuccessful && !execution.redrive.possible) {
      redriveButton.disabled = true;
      redriveText.textContent = execution.redrive.reason;
    } else if (unsuccessful && execution.redrive.possible) {
      redriveButton.disabled = false;
      redriveText.textContent = `restarts at ${execution.redrive.fromState}; the states before it are not run again`;
    } else {
      redriveText.textContent = redriveNote;
    }
  };
  const redrive = async () => {
    redriveButton.disabled = true;
    redriveText.textContent = 'Redriving…';
    try {
      const answer = await api.post<RedriveAnswer>(
        `/api/executions/${encodeURIComponent(name)}/redrive`,
        {},
      );
      redriveNote = `Redriven from ${answer.fromState}.`;
      if (detail) {
        // Shown at once; the reload below and the event stream bring the new attempt.
        detail.execution = { ...detail.execution, status: 'RUNNING' };
        paint();
      }
    } catch (error) {
      redriveNote = `Redrive refused: ${(error as Error).message}`;
      redriveText.textContent = redriveNote;
    }
    reload();
  };

  // Loads never overlap: an event during a load asks for one more after it.
  let loading = false;
  let again = false;
  const reload = () => {
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    void load().finally(() => {
      loading = false;
      if (again) {
        again = false;
        reload();
      }
    });
  };
  const load = async () => {
    try {
      const [machine, loaded] = await Promise.all([
        stateMachine!,
        api.get<ExecutionDetail>(`/api/executions/${encodeURIComponent(name)}`),
      ]);
      if (!graph) {
        graph = stateGraph(machine, select);
        fill(
          graphBox,
          h('p', { class: 'note graph-note' }, `Drawn from ${machine.file}`),
          graph.element,
        );
      }
      detail = loaded;
      selected ??= defaultState(loaded);
      message.hidden = true;
      paint();
    } catch (error) {
      message.hidden = false;
      message.textContent = `Could not read ${name}: ${(error as Error).message}`;
    }
  };
  reload();
  const ticker = window.setInterval(() => {
    if (detail?.execution.status === 'RUNNING') paintSummary(summary, detail.execution);
  }, 1000);

  document.title = `${name} · csv-catalog`;
  const element = h(
    'section',
    { class: 'execution' },
    h('p', { class: 'back' }, h('a', { href: '#/executions' }, '← Executions')),
    h('h1', { class: 'name' }, name),
    message,
    summary,
    redriveBox,
    h('div', { class: 'split' }, h('div', {}, h('h2', {}, 'States'), graphBox), panel),
    h('h2', {}, 'Event history'),
    listTable('history', ['ID', 'Type', 'State', 'Time', 'Elapsed'], history),
  );
  return {
    element,
    onEvent(event: ConsoleEvent) {
      if (event.type !== 'execution' || event.row.name !== name) return;
      if (detail) {
        detail.execution = event.row;
        paintSummary(summary, event.row);
        paintRedrive(event.row);
      }
      reload();
    },
    refresh: reload,
    dispose: () => window.clearInterval(ticker),
  };
}

/** The state worth seeing first: where it failed, else where it is, else the last one entered. */
function defaultState(detail: ExecutionDetail): string | undefined {
  const entered = detail.states.filter((s) => s.entered > 0);
  return (
    detail.execution.failure?.state ??
    entered.find((s) => s.status === 'FAILED' || s.status === 'RUNNING')?.name ??
    detail.events.findLast((e) => e.stateName)?.stateName ??
    entered.at(-1)?.name
  );
}

function paintSummary(summary: HTMLElement, execution: ExecutionRow): void {
  const running = execution.status === 'RUNNING';
  const duration = running ? Date.now() - Date.parse(execution.startedAt) : execution.durationMs;
  const fact = (label: string, ...value: (Node | string)[]) =>
    h('div', {}, h('dt', {}, label), h('dd', {}, ...value));
  const failure = execution.failure;
  fill(
    summary,
    fact('Status', statusBadge(execution.status)),
    fact('Table', execution.table),
    fact('File', execution.file),
    fact('Started', formatTime(execution.startedAt)),
    fact('Duration', formatDuration(duration)),
    execution.redriveCount > 0 ? fact('Redrives', String(execution.redriveCount)) : undefined,
    failure?.state ? fact('Failed at', failure.state) : undefined,
    failure?.error ? fact('Error', failure.error) : undefined,
    failure?.cause
      ? h(
          'div',
          { class: 'wide' },
          h('dt', {}, 'Cause'),
          h('dd', { class: 'cause' }, failure.cause),
        )
      : undefined,
  );
  summary.dataset.status = execution.status;
}

function paintPanel(panel: HTMLElement, detail: ExecutionDetail, selected?: string): void {
  const run = detail.states.find((s) => s.name === selected);
  if (!run) {
    fill(
      panel,
      h('p', { class: 'note' }, 'Choose a state to see its input, output, error and cause.'),
    );
    return;
  }
  panel.dataset.state = run.name;
  fill(
    panel,
    h('h2', {}, run.name, ' ', statusBadge(run.status)),
    h('p', { class: 'counts' }, run.entered > 0 ? countsText(run) : 'not run in this execution'),
    block('Error', run.error),
    block('Cause', run.cause),
    block('Output', changedFirst(run.input, run.output)),
    block('Input', run.input),
    h(
      'details',
      {},
      h('summary', {}, 'Execution input and output'),
      block('Execution input', detail.input),
      block('Execution output', detail.output),
    ),
  );
}

/**
 * A state's output with the keys it changed first: each state passes the whole document on,
 * so what SyncRdsDdl added (`mysql`) would otherwise sit under the twenty keys it received.
 */
function changedFirst(input: JsonValue | undefined, output: JsonValue | undefined) {
  if (!isRecord(input) || !isRecord(output)) return output;
  const same = (key: string) =>
    Object.hasOwn(input, key) && JSON.stringify(input[key]) === JSON.stringify(output[key]);
  const keys = Object.keys(output);
  return Object.fromEntries(
    [...keys.filter((k) => !same(k)), ...keys.filter(same)].map((k) => [k, output[k]]),
  );
}

function isRecord(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value in a <pre>; a cause that is JSON (a Lambda's error) is shown pretty. */
function block(label: string, value: unknown): HTMLElement | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? prettyIfJson(value) : prettyJson(value);
  return h('div', { class: 'block', 'data-label': label }, h('h3', {}, label), h('pre', {}, text));
}

function prettyIfJson(text: string): string {
  if (!/^\s*[{[]/.test(text)) return text;
  try {
    return prettyJson(JSON.parse(text));
  } catch {
    return text;
  }
}

function paintHistory(tbody: HTMLTableSectionElement, events: ExecutionDetail['events']): void {
  const first = events[0]?.timestamp ?? 0;
  // A history only grows (a redrive goes on in it): the rows shown stay and the new events go
  // under them, so a long load's thousands of events are not drawn again at every change.
  const shown = tbody.rows.length;
  const kept =
    shown > 0 &&
    shown <= events.length &&
    tbody.rows[shown - 1]?.dataset.id === String(events[shown - 1]?.id) &&
    tbody.rows[0]?.dataset.id === String(events[0]?.id);
  if (!kept) tbody.replaceChildren();
  append(
    tbody,
    events
      .slice(kept ? shown : 0)
      .map((event) =>
        h(
          'tr',
          { class: eventClass(event), 'data-id': event.id },
          h('td', { class: 'num' }, String(event.id)),
          h('td', {}, event.type),
          h('td', {}, event.stateName ?? ''),
          h('td', { class: 'time' }, formatTime(event.timestamp)),
          h('td', { class: 'num' }, formatElapsed(event.timestamp - first)),
        ),
      ),
  );
}

function eventClass(event: HistoryEvent): string {
  if (/Failed|Aborted|TimedOut/.test(event.type)) return 'e-failed';
  if (/Caught|Retried/.test(event.type)) return 'e-caught';
  return '';
}
