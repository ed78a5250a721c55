import type { TableOverview } from '../console-api.js';
import { h } from './dom.js';
import { formatCount } from './format.js';

/** One side's column, as the contract's TableOverview carries it. */
type SideColumn = NonNullable<TableOverview['columns'][number]['catalog']>;

/** Where the tables view's line of a table jumps to. */
export function columnsId(table: string): string {
  return `columns-${table}`;
}

/** The two sides of a table, column by column; a side without the column shows a dash. */
export function columnPairsBlock(o: TableOverview): HTMLDetailsElement {
  const side = (column: SideColumn | undefined) =>
    column
      ? [
          h('td', { class: 'col' }, column.name),
          h('td', { class: 'type' }, column.type),
          h('td', {}, column.comment),
        ]
      : [h('td', { class: 'absent' }, '—'), h('td', {}, ''), h('td', {}, '')];
  return h(
    'details',
    {
      class: 'column-block',
      id: columnsId(o.table),
      'data-table': o.table,
      // Open unless long (at_basic_inquiry_val has 136): the lines above say which agree.
      open: o.columns.length <= 20,
    },
    h(
      'summary',
      {},
      h('strong', {}, o.table),
      ` · ${formatCount(o.columns.length, 'column', 'columns')}`,
      o.columnsDisagree ? ` · ${o.columnsDisagree}` : '',
    ),
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        { class: 'list pairs' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { colspan: 3, scope: 'colgroup' }, 'Catalog (Glue)'),
            h('th', { colspan: 3, scope: 'colgroup' }, 'MySQL'),
          ),
          h(
            'tr',
            {},
            ['Column', 'Type', 'Comment', 'Column', 'Type', 'Comment'].map((c) =>
              h('th', { scope: 'col' }, c),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          o.columns.map((pair) => h('tr', {}, side(pair.catalog), side(pair.mysql))),
        ),
      ),
    ),
  );
}
