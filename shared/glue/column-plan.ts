import type { Column } from '@aws-sdk/client-glue';
import type { TableSettings } from '../config/config-schema.js';
import { CatalogSchemaInvalid } from '../errors.js';
import { matchColumns } from './column-match.js';
import { columnType, type FileHeader, finalColumnNames, renamedColumn } from './column-names.js';

/** The columns a table should have for a file, and how they differ from what it has. */
export interface ColumnPlan {
  columns: Column[];
  renamed: { from: string; to: string }[];
  retyped: { column: string; from: string; to: string }[];
  /** Header columns the table lacked, added. */
  added: string[];
  /** Columns the file lacks, kept (after the file's columns, so they read as NULL). */
  kept: string[];
  /** The file's columns were in another order in the table. */
  reordered: boolean;
}

/**
 * Plans a table's columns for one file. CSV SerDes read fields by position, so the file's
 * columns come first, in its header's order, under their final names; columns the file lacks
 * follow. Every type is string unless config says otherwise. A file column whose name is not
 * its header cell carries the cell as its Comment, so the header is never lost; the others
 * carry none. Columns the file lacks keep theirs.
 */
export function planColumns(options: {
  /** The Glue database and table the plan is for; errors name them. */
  database: string;
  table: string;
  current: readonly Column[];
  header: FileHeader;
  settings?: TableSettings;
  partitionKeys?: readonly Column[];
}): ColumnPlan {
  const { current, header, settings } = options;
  const finals = finalColumnNames(header, settings);
  const match = matchColumns(
    current.map((c) => c.Name ?? ''),
    header,
    finals,
  );
  const fileColumns = header.catalog.map((name, i): Column => {
    const { Comment: _stale, ...existing } = current[match.byHeader.get(i) ?? -1] ?? {};
    const final = finals[i] ?? name;
    const comment = headerComment(final, header.original[i]);
    return {
      ...existing,
      Name: final,
      Type: columnType(final, settings, name),
      ...(comment === undefined ? {} : { Comment: comment }),
    };
  });
  const keptColumns = match.unmatchedColumns.map((index): Column => {
    const existing = columnAt(current, index);
    const final = renamedColumn(existing.Name ?? '', settings);
    return { ...existing, Name: final, Type: columnType(final, settings) };
  });
  const columns = [...fileColumns, ...keptColumns];
  assertDistinct(columns, options.partitionKeys ?? [], options);
  return {
    columns,
    ...differences(current, columns, match.byHeader, match.unmatchedColumns),
    added: match.newHeaderColumns.map((i) => finals[i] ?? ''),
    kept: keptColumns.map((c) => c.Name ?? ''),
  };
}

/** Glue takes a Comment of at most 255 characters on one line. */
const MAX_COMMENT_LENGTH = 255;

/** The header cell as written, where the column's name differs from it (exactly). */
function headerComment(name: string, cell: string | undefined): string | undefined {
  if (cell === undefined || cell === name) return undefined;
  // Glue refuses line breaks and other control characters in a Comment; keep the rest.
  const oneLine = cell.replace(/[^\P{Cc}\t]/gu, ' ');
  return [...oneLine].slice(0, MAX_COMMENT_LENGTH).join('');
}

function differences(
  current: readonly Column[],
  columns: readonly Column[],
  byHeader: ReadonlyMap<number, number>,
  unmatched: readonly number[],
): Pick<ColumnPlan, 'renamed' | 'retyped' | 'reordered'> {
  // Kept columns follow the file's columns, which are as many as the header.
  const fileColumns = columns.length - unmatched.length;
  const pairs: [Column, Column][] = [
    ...[...byHeader].map(([h, index]): [Column, Column] => [
      columnAt(current, index),
      columnAt(columns, h),
    ]),
    ...unmatched.map((index, k): [Column, Column] => [
      columnAt(current, index),
      columnAt(columns, fileColumns + k),
    ]),
  ];
  const matchedOrder = [...byHeader.keys()].sort((a, b) => a - b).map((h) => byHeader.get(h));
  return {
    renamed: pairs
      .filter(([from, to]) => from.Name !== to.Name)
      .map(([from, to]) => ({ from: from.Name ?? '', to: to.Name ?? '' })),
    retyped: pairs
      .filter(([from, to]) => from.Type !== to.Type)
      .map(([from, to]) => ({ column: to.Name ?? '', from: from.Type ?? '', to: to.Type ?? '' })),
    reordered: matchedOrder.some((index, k) => k > 0 && (index ?? 0) < (matchedOrder[k - 1] ?? 0)),
  };
}

function columnAt(columns: readonly Column[], index: number): Column {
  return columns[index] ?? { Name: '' };
}

/** Glue compares names case-insensitively (it lower-cases them); so does Athena. */
function assertDistinct(
  columns: readonly Column[],
  partitionKeys: readonly Column[],
  where: { database: string; table: string },
): void {
  const table = `${where.database}.${where.table}`;
  const settings = `tables.${where.table}.columns and tables.${where.table}.rename`;
  const seen = new Set<string>();
  [...columns, ...partitionKeys].forEach((column, index) => {
    const name = (column.Name ?? '').toLowerCase();
    const what =
      index < columns.length
        ? `column ${index + 1}`
        : `partition key ${index - columns.length + 1}`;
    if (name === '') {
      throw new CatalogSchemaInvalid(
        `${table}: ${what} would have an empty name: check ${settings} in the config`,
      );
    }
    if (seen.has(name)) {
      throw new CatalogSchemaInvalid(
        `${table}: two columns would be named ${JSON.stringify(name)}: check ${settings} in the config`,
      );
    }
    seen.add(name);
  });
}
