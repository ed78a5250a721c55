import type { KeptColumn, WidenedColumn } from './ddl-result.js';
import { type DesiredColumn, foldName } from './desired-columns.js';
import type { ExistingColumn, ExistingTable } from './existing-table.js';
import { type FitColumn, fitRowSize, fitSampledLengths } from './fit-columns.js';
import { type CreatableType, type MysqlType, renderMysqlType } from './mysql-type.js';
import { capacityInChars } from './string-capacity.js';
import { compareTypes } from './type-comparison.js';

export type TableChange =
  | { kind: 'add'; name: string; type: CreatableType; after: string | undefined }
  | { kind: 'modify'; name: string; type: CreatableType; notNull: boolean };

export type TableAction =
  | { kind: 'create'; columns: { name: string; type: CreatableType }[] }
  | { kind: 'alter'; changes: TableChange[] };

export interface TablePlan {
  /** undefined when MySQL already has the table as planned. */
  action: TableAction | undefined;
  added: string[];
  widened: WidenedColumn[];
  kept: KeptColumn[];
}

interface LayoutColumn extends FitColumn {
  /** The catalog's mapped type, for catalog columns. */
  mapped?: CreatableType;
  existing?: ExistingColumn;
  /** For a new column: the column it goes after (undefined: first). */
  after?: string;
}

/** The whole table as the catalog maps it, fitted to MySQL's limits. */
export function planNewTable(table: string, desired: readonly DesiredColumn[]): TablePlan {
  const layout: LayoutColumn[] = desired.map((d) => ({
    ...d,
    mapped: d.type,
    changeable: true,
    touched: true,
  }));
  const fitted = fitRowSize(table, fitSampledLengths(layout));
  const columns = fitted.map((c) => ({ name: c.name, type: creatable(c.type) }));
  return { action: { kind: 'create', columns }, added: [], widened: widenings(fitted), kept: [] };
}

/**
 * What an existing table needs: new catalog columns added after their catalog predecessor,
 * columns widened where the catalog (or a sampled value) needs more; nothing dropped or
 * narrowed: those differences are reported as kept.
 */
export function planExistingTable(
  table: string,
  desired: readonly DesiredColumn[],
  existing: ExistingTable,
): TablePlan {
  const kept: KeptColumn[] = [];
  const added: string[] = [];
  const layout: LayoutColumn[] = existing.columns.map((e) => ({
    name: e.name,
    type: e.type,
    existing: e,
    changeable: e.unchangeable === undefined,
    touched: false,
  }));
  const index = new Map(layout.map((c) => [foldName(c.name), c]));
  const inCatalog = new Set(desired.map((d) => foldName(d.name)));
  for (const e of existing.columns) {
    if (!inCatalog.has(foldName(e.name))) {
      kept.push({ column: e.name, reason: 'in MySQL but not in the catalog; not dropped' });
    }
  }

  let previous: string | undefined;
  for (const d of desired) {
    const current = index.get(foldName(d.name));
    if (current) {
      Object.assign(current, matchExisting(current, d, kept));
      previous = current.name;
      continue;
    }
    const position = previous === undefined ? 0 : layout.findIndex((c) => c.name === previous) + 1;
    const column: LayoutColumn = { ...d, mapped: d.type, changeable: true, touched: true };
    if (previous !== undefined) column.after = previous;
    layout.splice(position, 0, column);
    added.push(d.name);
    previous = d.name;
  }

  let fitted = fitSampledLengths(layout);
  kept.push(...unfitSamples(fitted));
  if (fitted.some((c) => c.touched)) fitted = fitRowSize(table, fitted);
  const changes = fitted.flatMap((c) => change(c));
  return {
    action: changes.length > 0 ? { kind: 'alter', changes } : undefined,
    added,
    widened: widenings(fitted),
    kept,
  };
}

/** An existing column meets its catalog column: widen it, or keep it and say why. */
function matchExisting(
  current: LayoutColumn,
  d: DesiredColumn,
  kept: KeptColumn[],
): Partial<LayoutColumn> {
  const update: Partial<LayoutColumn> = { mapped: d.type };
  if (d.sampleMaxLength !== undefined) update.sampleMaxLength = d.sampleMaxLength;
  const asked = renderMysqlType(d.type);
  const has = renderMysqlType(current.type);
  switch (compareTypes(current.type, d.type)) {
    case 'same':
      return update;
    case 'widen':
      if (current.changeable) return { ...update, type: d.type, touched: true };
      kept.push({
        column: current.name,
        reason: `catalog asks for ${asked}, wider than MySQL's ${has}, but the column ${current.existing?.unchangeable}; not changed`,
      });
      return update;
    case 'narrower':
      kept.push({
        column: current.name,
        reason: `catalog asks for ${asked}, narrower than MySQL's ${has}; not narrowed`,
      });
      return update;
    case 'different':
      kept.push({
        column: current.name,
        reason: `catalog asks for ${asked}, MySQL has ${has}; type not changed`,
      });
      return update;
  }
}

function unfitSamples(columns: readonly LayoutColumn[]): KeptColumn[] {
  return columns.flatMap((c) => {
    const capacity = capacityInChars(c.type) ?? Number.POSITIVE_INFINITY;
    if ((c.sampleMaxLength ?? 0) <= capacity) return [];
    const why = c.existing?.unchangeable ?? 'cannot be changed';
    const reason = `sampled values of ${c.sampleMaxLength} characters do not fit MySQL's ${renderMysqlType(c.type)}, but the column ${why}; not changed`;
    return [{ column: c.name, reason }];
  });
}

function change(c: LayoutColumn): TableChange[] {
  if (!c.touched) return [];
  const type = creatable(c.type);
  if (!c.existing) return [{ kind: 'add', name: c.name, type, after: c.after }];
  return [{ kind: 'modify', name: c.name, type, notNull: c.existing.notNull }];
}

function widenings(columns: readonly LayoutColumn[]): WidenedColumn[] {
  return columns.flatMap((c) => {
    const before = c.existing ? c.existing.type : c.mapped;
    if (!c.touched || !before) return [];
    const from = renderMysqlType(before);
    const to = renderMysqlType(c.type);
    return from === to ? [] : [{ column: c.name, from, to }];
  });
}

// Only catalog types and TEXT fallbacks are ever written; an unknown existing type never is.
function creatable(type: MysqlType): CreatableType {
  if (type.kind === 'other') throw new Error(`bug: planned to write unknown type ${type.sql}`);
  return type;
}
