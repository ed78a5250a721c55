import type { CoerceResult } from '../glue/coerce-table.js';
import type { KeptColumn, SyncTableDdlResult, WidenedColumn } from '../mysql/ddl-result.js';
import { type ShortList, shortList } from './short-list.js';

/*
 * What CoerceSchema and SyncRdsDdl answer the state machine: counts and the first few names.
 * A Lambda's answer counts against Step Functions' 256 KB quota before any ResultSelector
 * (States.DataLimitExceeded, which no Catch takes), and a 1,000-column table's column list or
 * CREATE TABLE statement alone can pass it. The full lists are in the Lambda's log.
 */

/** CoerceSchema's answer. */
export interface CoerceSummary {
  status: CoerceResult['status'];
  superseded: boolean;
  reason: string;
  database: string;
  table: string;
  /** Columns of the table after coercion (0 when superseded). */
  columns: number;
  changes: {
    renamed: ShortList<{ from: string; to: string }>;
    retyped: ShortList<{ column: string; from: string; to: string }>;
    added: ShortList<string>;
    kept: ShortList<string>;
    reordered: boolean;
    serde: string | null;
    skipHeaderSet: boolean;
    partitionsUpdated: number;
  };
  warnings: ShortList<string>;
}

export function coerceSummary(result: CoerceResult): CoerceSummary {
  const { changes } = result;
  return {
    status: result.status,
    superseded: result.superseded,
    reason: result.reason,
    database: result.database,
    table: result.table,
    columns: result.columns.length,
    changes: {
      renamed: shortList(changes.renamed),
      retyped: shortList(changes.retyped),
      added: shortList(changes.added),
      kept: shortList(changes.kept),
      reordered: changes.reordered,
      serde: changes.serde,
      skipHeaderSet: changes.skipHeaderSet,
      partitionsUpdated: changes.partitionsUpdated,
    },
    warnings: shortList(result.warnings),
  };
}

/** SyncRdsDdl's answer: how many statements ran, never the statements. */
export interface RdsSummary {
  database: string;
  table: string;
  created: boolean;
  statements: number;
  added: ShortList<string>;
  widened: ShortList<WidenedColumn>;
  commented: ShortList<string>;
  kept: ShortList<KeptColumn>;
  /** The JSON column that keeps the catalog columns past MySQL's width limits; null: none. */
  overflow: { column: string; columns: ShortList<string> } | null;
}

export function rdsSummary(result: SyncTableDdlResult): RdsSummary {
  return {
    database: result.database,
    table: result.table,
    created: result.created,
    statements: result.statements.length,
    added: shortList(result.added),
    widened: shortList(result.widened),
    commented: shortList(result.commented),
    kept: shortList(result.kept),
    overflow: result.overflow
      ? { column: result.overflow.column, columns: shortList(result.overflow.columns) }
      : null,
  };
}
