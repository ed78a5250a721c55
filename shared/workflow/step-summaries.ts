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

/** LoadRows' answer: the load's cursor for the next invocation, and what it did so far. */
export interface LoadSummary {
  /** False: IsLoadDone calls LoadRows again with `offset`, `chunks` and `eTag`. */
  done: boolean;
  /** Where the next chunk starts (the file's size once done). */
  offset: number;
  /** Chunks committed so far for this load. */
  chunks: number;
  /** The filed object's ETag the load reads (If-Match); null when the object was gone. */
  eTag: string | null;
  /** Rows of the new table (replace) or rows added (append) once done; else so far. */
  rows: number;
  mode: 'replace' | 'append';
  alreadyLoaded: boolean;
  resumed: boolean;
  /**
   * Why nothing was loaded: `superseded`, the filed object was gone (a newer snapshot archived
   * it); `no-mysql`, the local stack writes DDL files instead of using MySQL (--ddl-out).
   */
  skipped: 'superseded' | 'no-mysql' | null;
  widened: ShortList<string>;
}

export function loadSummary(
  result: {
    done: boolean;
    offset: number;
    chunks: number;
    rows: number;
    mode: 'replace' | 'append';
    alreadyLoaded: boolean;
    resumed: boolean;
    widened: readonly string[];
  },
  eTag: string,
): LoadSummary {
  return {
    done: result.done,
    offset: result.offset,
    chunks: result.chunks,
    eTag,
    rows: result.rows,
    mode: result.mode,
    alreadyLoaded: result.alreadyLoaded,
    resumed: result.resumed,
    skipped: null,
    widened: shortList(result.widened),
  };
}
