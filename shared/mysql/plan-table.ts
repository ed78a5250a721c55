import type { KeptColumn, WidenedColumn } from './ddl-result.js';
import { type DesiredColumn, foldName } from './desired-columns.js';
import type { ExistingColumn, ExistingTable } from './existing-table.js';
import { type FitColumn, fitRowSize, fitSampledLengths } from './fit-columns.js';
import { type CreatableType, type MysqlType, renderMysqlType } from './mysql-type.js';
import { capacityInChars } from './string-capacity.js';
import { compareTypes } from './type-comparison.js';

/** A column definition csv-catalog writes; no comment or '' writes no COMMENT. */
export interface ColumnDefinition {
  name: string;
  type: CreatableType;
  comment?: string;
}

export type TableChange =
  | (ColumnDefinition & { kind: 'add'; after: string | undefined })
  | (ColumnDefinition & { kind: 'modify'; notNull: boolean });

/** An existing column restated as MySQL has it (its own COLUMN_TYPE), with a new COMMENT. */
export interface CommentChange {
  name: string;
  columnType: string;
  notNull: boolean;
  comment: string;
}

export type TableAction =
  | { kind: 'create'; columns: ColumnDefinition[] }
  | { kind: 'alter'; changes: TableChange[] }
  /** Comments only: metadata, run on its own with ALGORITHM=INSTANT so it never rebuilds. */
  | { kind: 'comment'; changes: CommentChange[] };

export interface TablePlan {
  /** The CREATE or the ALTER that adds and widens; undefined when nothing needs either. */
  action: Extract<TableAction, { kind: 'create' | 'alter' }> | undefined;
  /** Comments of columns the action leaves alone; undefined when all match the catalog. */
  commentAction: Extract<TableAction, { kind: 'comment' }> | undefined;
  added: string[];
  widened: WidenedColumn[];
  /** Existing columns whose comment the plan changes (in the action or the comment action). */
  commented: string[];
  kept: KeptColumn[];
}

interface LayoutColumn extends FitColumn {
  /** The catalog's mapped type, for catalog columns. */
  mapped?: CreatableType;
  /** The COMMENT the column is to have: the catalog's, or MySQL's own for a column not in it. */
  comment: string;
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
  const columns = fitted.map((c) => ({
    name: c.name,
    type: creatable(c.type),
    comment: c.comment,
  }));
  return {
    action: { kind: 'create', columns },
    commentAction: undefined,
    added: [],
    widened: widenings(fitted),
    commented: [],
    kept: [],
  };
}

/**
 * What an existing table needs: new catalog columns added after their catalog predecessor,
 * columns widened where the catalog (or a sampled value) needs more, comments brought in step
 * with the catalog's; nothing dropped or narrowed: those differences are reported as kept. A
 * comment that differs is carried by the MODIFY of a column widened anyway, else changed on
 * its own (metadata only): it is never a reason to rebuild the table.
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
    comment: e.comment,
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
  const comments = commentOnlyChanges(fitted, kept);
  return {
    action: changes.length > 0 ? { kind: 'alter', changes } : undefined,
    commentAction: comments.length > 0 ? { kind: 'comment', changes: comments } : undefined,
    added,
    widened: widenings(fitted),
    commented: fitted.flatMap((c) => (commentChanges(c) ? [c.name] : [])),
    kept,
  };
}

/** An existing column meets its catalog column: widen it, or keep it and say why. */
function matchExisting(
  current: LayoutColumn,
  d: DesiredColumn,
  kept: KeptColumn[],
): Partial<LayoutColumn> {
  const update: Partial<LayoutColumn> = { mapped: d.type, comment: d.comment };
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
  const definition = { name: c.name, type: creatable(c.type), comment: c.comment };
  if (!c.existing) return [{ ...definition, kind: 'add', after: c.after }];
  return [{ ...definition, kind: 'modify', notNull: c.existing.notNull }];
}

/** An existing column's comment changes: in its MODIFY, or on its own where it may be restated. */
function commentChanges(c: LayoutColumn): boolean {
  return c.existing !== undefined && c.comment !== c.existing.comment && c.changeable;
}

/**
 * Existing columns this plan does not MODIFY whose comment differs from the catalog's. A column
 * that MODIFY would strip of something (a default, a key, …) keeps its comment, said why.
 */
function commentOnlyChanges(columns: readonly LayoutColumn[], kept: KeptColumn[]): CommentChange[] {
  return columns.flatMap((c): CommentChange[] => {
    const existing = c.existing;
    if (!existing || c.touched || c.comment === existing.comment) return [];
    if (!c.changeable) {
      kept.push({
        column: c.name,
        reason: `catalog's comment differs from MySQL's, but the column ${existing.unchangeable}; comment not changed`,
      });
      return [];
    }
    const { name, columnType, notNull } = existing;
    return [{ name, columnType, notNull, comment: c.comment }];
  });
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
