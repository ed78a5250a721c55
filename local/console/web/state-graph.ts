import type { StateMachineView, StateNode, StateRun } from '../console-api.js';
import { fill, h } from './dom.js';
import { formatCount, statusLabel } from './format.js';

/**
 * The workflow's states, from the ASL the stack runs, as a vertical list in visiting order with
 * each state's ways out under it (`→ EnsureCrawler`, a Choice's rule `… → Superseded`), coloured
 * by how the state fared in one execution. Built once; `paint` updates it in place, so focus
 * and the selection survive live updates.
 */
export interface StateGraph {
  element: HTMLOListElement;
  paint(runs: readonly StateRun[], selected: string | undefined): void;
}

export function stateGraph(view: StateMachineView, select: (state: string) => void): StateGraph {
  const items = new Map<string, { item: HTMLLIElement; button: HTMLButtonElement }>();
  const element = h(
    'ol',
    { class: 'graph', 'aria-label': `States of ${view.name}` },
    view.states.map((node) => {
      const button = h('button', {
        type: 'button',
        class: 'node',
        title: node.comment,
        onclick: () => select(node.name),
      });
      const item = h(
        'li',
        { class: 'state s-not_run', 'data-state': node.name },
        button,
        transitions(node),
      );
      items.set(node.name, { item, button });
      return item;
    }),
  );
  return {
    element,
    paint(runs, selected) {
      const byName = new Map(runs.map((run) => [run.name, run]));
      for (const node of view.states) {
        const entry = items.get(node.name);
        if (!entry) continue;
        const run = byName.get(node.name);
        const status = run?.status ?? 'NOT_RUN';
        entry.item.className = `state s-${status.toLowerCase()}${node.end ? ' end' : ''}`;
        entry.item.dataset.status = status;
        entry.item.dataset.entered = String(run?.entered ?? 0);
        entry.item.dataset.retries = String(run?.retries ?? 0);
        entry.button.setAttribute('aria-pressed', String(node.name === selected));
        fill(
          entry.button,
          h('span', { class: 'state-name' }, node.name),
          h('span', { class: 'state-type' }, node.type),
          h('span', { class: 'status' }, statusLabel(status)),
          run && run.entered > 0 ? h('span', { class: 'counts' }, countsText(run)) : undefined,
        );
      }
    },
  };
}

/** `entered 3× · 1 retry`: a polling loop enters a state many times. */
export function countsText(run: StateRun): string {
  const retries = run.retries > 0 ? ` · ${formatCount(run.retries, 'retry', 'retries')}` : '';
  return `entered ${run.entered}×${retries}`;
}

function transitions(node: StateNode): HTMLElement {
  const ways = node.transitions.map((t) =>
    h(
      'li',
      {},
      t.label && t.label !== 'Next' ? h('span', { class: 'rule' }, `${t.label} `) : undefined,
      `→ ${t.to}`,
    ),
  );
  if (node.end) ways.push(h('li', { class: 'rule' }, `ends the execution (${node.type})`));
  return h('ul', { class: 'ways' }, ways);
}
