/** A column whose MySQL type this run made wider. */
export interface WidenedColumn {
  column: string;
  /** MySQL's type before this run; for a column this run creates, the catalog's mapped type. */
  from: string;
  to: string;
}

/** A difference this run leaves alone (nothing is dropped or narrowed), for the caller to log. */
export interface KeptColumn {
  column: string;
  reason: string;
}

/** The outcome of syncing one table: small enough to read in the Step Functions console. */
export interface SyncTableDdlResult {
  database: string;
  table: string;
  /** This run created the table. */
  created: boolean;
  /** Statements executed, in order; empty when MySQL already matched. */
  statements: string[];
  /** Columns added to an existing table, in catalog order (empty when the table was created). */
  added: string[];
  /** Columns made wider: MODIFY COLUMN, or created wider than mapped (row size, long values). */
  widened: WidenedColumn[];
  /**
   * Existing columns whose COMMENT this run set, changed or cleared to match the catalog's
   * (columns this run creates or adds get theirs with them and are not listed).
   */
  commented: string[];
  kept: KeptColumn[];
  /**
   * Present when the table keeps catalog columns past MySQL's width limits in one JSON column
   * (rds.tables.<table>.overflow: json): that column and the catalog columns it holds.
   */
  overflow?: { column: string; columns: string[] };
}
