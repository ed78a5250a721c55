import { h } from './dom.js';
import { statusLabel } from './format.js';

/** A status as coloured text: the word is always there, the colour only helps. */
export function statusBadge(status: string): HTMLSpanElement {
  return h('span', { class: `status s-${status.toLowerCase()}` }, statusLabel(status));
}
