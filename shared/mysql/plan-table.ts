import { RdsTableTooWide } from '../errors.js';
import type { KeptColumn, WidenedColumn } from './ddl-result.js';
import { type DesiredColumn, foldName } from './desired-columns.js';
import type { ExistingColumn, ExistingTable } from './existing-table.js';
import { type FitColumn, fitSampledLengths, fitWidth } from './fit-columns.js';
import { type CreatableType, type MysqlType, renderMysqlType } from './mysql-type.js';
import { isOverflowColumn, OVERFLOW_COLUMN, overflowColumn } from './overflow-column.js';
import { capacityInChars } from './string-capacity.js';
import { describeExcess, type WidthExcess } from './table-width.js';
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
  /** The JSON column holding the catalog columns past the limits, and which (overflow: json). */
  overflow?: { column: string; columns: string[] };
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

/** How a table past MySQL's width limits is treated (`rds.tables.<table>` in config). */
export interface PlanOptions {
  /** `json`: catalog columns past the limits are kept in one JSON column; absent: refused. */
  overflow?: 'json' | undefined;
  /** The file being synced, named in a refusal. */
  file?: string | undefined;
}

/** A plan before the width check, with the limit it passes (if any). */
interface Draft {
  plan: TablePlan;
  excess: WidthExcess | undefined;
  /** The table's columns after the plan (an existing table's included). */
  columnCount: number;
}

/** The whole table as the catalog maps it, fitted to MySQL's limits. */
export function planNewTable(
  table: string,
  desired: readonly DesiredColumn[],
  options: PlanOptions = {},
): TablePlan {
  return planWithinLimits(table, desired, new Set(), options, draftNewTable);
}

function draftNewTable(desired: readonly DesiredColumn[]): Draft {
  const layout: LayoutColumn[] = desired.map((d) => ({
    ...d,
    mapped: d.type,
    changeable: true,
    touched: true,
  }));
  const { columns: fitted, excess } = fitWidth(fitSampledLengths(layout));
  const columns = fitted.map((c) => ({
    name: c.name,
    type: creatable(c.type),
    comment: c.comment,
  }));
  const plan: TablePlan = {
    action: { kind: 'create', columns },
    commentAction: undefined,
    added: [],
    widened: widenings(fitted),
    commented: [],
    kept: [],
  };
  return { plan, excess, columnCount: columns.length };
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
  options: PlanOptions = {},
): TablePlan {
  const present = new Set(existing.columns.map((c) => foldName(c.name)));
  const overflow = existing.columns.find((c) => isOverflowColumn(c.name));
  if (!overflow) {
    const draft = (d: readonly DesiredColumn[]) => draftExistingTable(d, existing);
    return planWithinLimits(table, desired, present, options, draft);
  }
  const draft = (d: readonly DesiredColumn[]) =>
    draftExistingTable(d, { columns: existing.columns.map(asCreatedOverflow) });
  // The table overflows already: catalog columns it lacks join the overflow, never the table,
  // so a column never moves between the two from one snapshot to the next.
  const held = desired.filter((d) => !present.has(foldName(d.name)));
  const inTable = desired.filter((d) => present.has(foldName(d.name)));
  const drafted = draft([...inTable, overflowColumn(overflow.name, held)]);
  const { plan, excess } = drafted;
  if (excess) throw tooWide(table, drafted, excess, options, undefined);
  return { ...plan, overflow: { column: overflow.name, columns: held.map((d) => d.name) } };
}

/**
 * The overflow column as csv-catalog created it: `JSON`, restated as such when its comment
 * changes. MariaDB reports JSON as LONGTEXT with its own collation (utf8mb4_bin) and a
 * json_valid CHECK, which restating `longtext` would drop; `JSON` keeps all three (checked on
 * MariaDB 10.11: MODIFY COLUMN … JSON COMMENT …, ALGORITHM=INSTANT).
 */
function asCreatedOverflow(column: ExistingColumn): ExistingColumn {
  const json =
    column.type.kind === 'json' || (column.type.kind === 'text' && column.type.name === 'LONGTEXT');
  if (!isOverflowColumn(column.name) || !json) return column;
  const { unchangeable: _, ...plain } = column;
  return { ...plain, type: { kind: 'json' }, columnType: 'JSON' };
}

/**
 * The plan when it fits; else, with `overflow: json`, the table with as many of its new
 * columns (in catalog order) as fit, the rest in one JSON column; else RdsTableTooWide.
 */
function planWithinLimits(
  table: string,
  desired: readonly DesiredColumn[],
  present: ReadonlySet<string>,
  options: PlanOptions,
  draft: (desired: readonly DesiredColumn[]) => Draft,
): TablePlan {
  const whole = draft(desired);
  if (!whole.excess) return whole.plan;
  const fresh = desired.filter((d) => !present.has(foldName(d.name)));
  const withFresh = (count: number, overflow: boolean) => {
    const admitted = new Set(fresh.slice(0, count));
    const columns = desired.filter((d) => present.has(foldName(d.name)) || admitted.has(d));
    const held = fresh.slice(count);
    return draft(overflow ? [...columns, overflowColumn(OVERFLOW_COLUMN, held)] : columns);
  };
  if (options.overflow !== 'json') {
    const fits = largestFitting(fresh.length, (n) => withFresh(n, false));
    throw tooWide(table, whole, whole.excess, options, { fits, of: fresh.length });
  }
  const fits = largestFitting(fresh.length, (n) => withFresh(n, true));
  if (fits === undefined) throw tooWide(table, whole, whole.excess, options, undefined);
  const { plan } = withFresh(fits, true);
  return {
    ...plan,
    overflow: { column: OVERFLOW_COLUMN, columns: fresh.slice(fits).map((d) => d.name) },
  };
}

/**
 * The largest n < total for which `draft(n)` fits, by bisection (adding columns never makes a
 * table narrower); undefined when not even n = 0 fits.
 */
function largestFitting(total: number, draft: (n: number) => Draft): number | undefined {
  if (draft(0).excess) return undefined;
  let fits = 0;
  let over = total;
  while (over - fits > 1) {
    const middle = Math.floor((fits + over) / 2);
    if (draft(middle).excess) over = middle;
    else fits = middle;
  }
  return fits;
}

function tooWide(
  table: string,
  draft: Draft,
  excess: WidthExcess,
  options: PlanOptions,
  fitting: { fits: number | undefined; of: number } | undefined,
): RdsTableTooWide {
  const where = options.file ? `${options.file}: ` : '';
  const count = draft.columnCount;
  const room =
    fitting?.fits === undefined
      ? ''
      : ` (it can take ${fitting.fits} of the ${fitting.of} catalog columns it does not have yet)`;
  return new RdsTableTooWide(
    `${where}MySQL table ${table} would have ${count} columns, past a limit: ${describeExcess(excess)}${room}. Mirror fewer columns with rds.tables.${table}.columns (the catalog columns MySQL should have), or keep the columns past the limit in one JSON column with rds.tables.${table}.overflow: json`,
  );
}

function draftExistingTable(desired: readonly DesiredColumn[], existing: ExistingTable): Draft {
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
  let excess: WidthExcess | undefined;
  // A table left as it is needs no check: the server holds it already.
  if (fitted.some((c) => c.touched)) ({ columns: fitted, excess } = fitWidth(fitted));
  const changes = fitted.flatMap((c) => change(c));
  const comments = commentOnlyChanges(fitted, kept);
  const plan: TablePlan = {
    action: changes.length > 0 ? { kind: 'alter', changes } : undefined,
    commentAction: comments.length > 0 ? { kind: 'comment', changes: comments } : undefined,
    added,
    widened: widenings(fitted),
    commented: fitted.flatMap((c) => (commentChanges(c) ? [c.name] : [])),
    kept,
  };
  return { plan, excess, columnCount: fitted.length };
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
