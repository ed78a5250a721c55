/**
 * What the filing step hands the workflow: where the file went and how to read it. Kept
 * small whatever the file's width (a Step Functions execution input, like every state, must
 * stay under 256 KB): no header and no sampled lengths, which the steps that need them read
 * from the filed object's head (shared/workflow/filed-head.ts). It is the execution input shown
 * in the Step Functions console.
 */
export interface WorkflowInput {
  bucket: string;
  /** Where the file is now: `<table>/<file>`, or `_archive/<table>/<file>` when superseded. */
  key: string;
  /** The key it was dropped under, at the bucket root. */
  sourceKey: string;
  table: string;
  snapshot: string | null;
  /** The source's encoding; the filed object is always UTF-8 without BOM. */
  encoding: string;
  delimiter: string;
  quote: string;
  /** How many columns the header has (the names are in the file). */
  columns: number;
  quoted: boolean;
  multiline: boolean;
  /** Bytes of the filed (UTF-8) object. */
  size: number;
  /** ISO time the filing began (also on the filed copy's metadata). The workflow decides crawl
   * coverage by its own clock (CheckSnapshot), which runs after the copy landed. */
  filedAt: string;
  /** A newer snapshot of the table was in place already: the workflow ends early. */
  superseded: boolean;
}

/** Starts the workflow for a filed file; implemented by Step Functions and the local runner. */
export interface WorkflowStarter {
  start(name: string, input: WorkflowInput): Promise<WorkflowStart>;
}

export interface WorkflowStart {
  name: string;
  /** The execution's ARN, where the starter knows it. */
  executionArn?: string;
  /** An execution of that name existed already (a duplicated event). */
  alreadyStarted: boolean;
}
