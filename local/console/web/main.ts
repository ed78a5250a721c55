import type { ConsoleEvent } from '../console-api.js';
import { type ConsoleApi, openConsoleApi } from './api.js';
import { h } from './dom.js';
import { executionView } from './execution-view.js';
import { executionsView } from './executions-view.js';
import { tablesView } from './tables-view.js';
import type { View, ViewContext } from './view.js';

/**
 * The console page: a header with the stack's endpoints, and one view at a time chosen by
 * the URL's hash (so the back button and links work), fed live by /api/events.
 */
async function start(): Promise<void> {
  const main = document.querySelector('main')!;
  let api: ConsoleApi;
  try {
    api = await openConsoleApi();
  } catch (error) {
    main.replaceChildren(
      h('p', { class: 'error' }, `The stack does not answer: ${(error as Error).message}`),
    );
    return;
  }
  renderHeader(api);
  let current: View | undefined;
  const show = () => {
    current?.dispose?.();
    current = route(location.hash, api);
    main.replaceChildren(current.element);
    markNavigation(location.hash);
  };
  window.addEventListener('hashchange', show);
  show();
  listen(
    (event) => current?.onEvent?.(event),
    () => current?.refresh?.(),
  );
}

function route(hash: string, api: ConsoleApi): View {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const context: ViewContext = { api, params: new URLSearchParams(query) };
  const execution = /^\/executions\/(.+)$/.exec(path);
  if (execution?.[1]) return executionView(decodeURIComponent(execution[1]), context);
  if (path === '/tables') return tablesView(context);
  return executionsView(context);
}

/** One EventSource for the page; after a break the view reloads what it shows. */
function listen(onEvent: (event: ConsoleEvent) => void, onReconnect: () => void): void {
  const state = document.getElementById('live')!;
  const events = new EventSource('/api/events');
  let broken = false;
  events.addEventListener('open', () => {
    state.textContent = 'Live';
    state.className = 'live';
    if (broken) onReconnect();
    broken = false;
  });
  events.addEventListener('error', () => {
    state.textContent = 'Reconnecting…';
    state.className = 'live broken';
    broken = true;
  });
  events.addEventListener('message', (message: MessageEvent<string>) => {
    onEvent(JSON.parse(message.data) as ConsoleEvent);
  });
}

function renderHeader(api: ConsoleApi): void {
  const s = api.session;
  const fact = (label: string, value: string) =>
    h('div', { class: 'fact' }, h('dt', {}, label), h('dd', {}, value));
  document
    .getElementById('stack')!
    .replaceChildren(
      fact('Bucket', s.bucket),
      fact('S3', s.s3Endpoint),
      fact('Glue', `${s.glueEndpoint} · ${s.database}`),
      fact('MySQL', s.mysql),
      fact('Folder', s.dir),
    );
}

function markNavigation(hash: string): void {
  const tables = hash.startsWith('#/tables');
  for (const link of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
    const here = link.dataset.view === (tables ? 'tables' : 'executions');
    if (here) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

void start();
