import type { WorkflowStart } from '../workflow/workflow-input.js';

/** What filing one object did, for the log line, the Lambda result and the backfill summary. */
export type FilingOutcome = FiledOutcome | SkippedOutcome | FailedOutcome;

export interface FiledOutcome {
  status: 'filed';
  sourceKey: string;
  table: string;
  snapshot: string | null;
  /** Where the file is now. */
  key: string;
  /** A newer snapshot was in place: the file went to _archive/. */
  superseded: boolean;
  /** Older snapshots this filing moved to _archive/. */
  archived: string[];
  /** Earlier objects of the same name (other uploads) kept before this one replaced them. */
  kept?: string[];
  /** Transcoded to UTF-8 (the original bytes are under rawKey). */
  transcoded: boolean;
  rawKey?: string;
  encoding: string;
  /** A duplicate delivery: the source was gone and its filed copy was found. */
  alreadyFiled: boolean;
  execution?: WorkflowStart;
}

export interface SkippedOutcome {
  status: 'skipped';
  sourceKey: string;
  reason: string;
}

export interface FailedOutcome {
  status: 'failed';
  sourceKey: string;
  /** The error's fixed name (FilingError, NamingError, CsvFormatError, …). */
  error: string;
  reason: string;
  table?: string;
}
