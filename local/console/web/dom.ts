/** The few DOM helpers every view uses: elements built in one call, no framework. */

export type Child = Node | string | number | null | undefined | false;
type Attribute = string | number | boolean | undefined | ((event: Event) => void);

/**
 * `h('a', { href: '#/tables', class: 'nav' }, 'Tables')`. Attributes named `on…` are listeners;
 * `true` sets a boolean attribute, `false` and undefined leave it out. Text is never parsed as
 * HTML, so a Korean file name or a cause with `<` shows as it is.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, Attribute> = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false && value !== undefined) element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content. */
export function fill(parent: Element, ...children: (Child | Child[])[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A list's table under its column headings, scrolling sideways when wider than the window. */
export function listTable(
  id: string,
  headings: readonly string[],
  body: HTMLTableSectionElement,
): HTMLDivElement {
  const head = h(
    'thead',
    {},
    h(
      'tr',
      {},
      headings.map((c) => h('th', { scope: 'col' }, c)),
    ),
  );
  return h('div', { class: 'scroll' }, h('table', { class: 'list', id }, head, body));
}

/** Pretty JSON for the state panel: Korean and other non-ASCII text stays as it is. */
export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? 'undefined';
}
