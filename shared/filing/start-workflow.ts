import type { CsvProfile } from '../csv/sniff-csv-head.js';
import { executionName } from '../naming/execution-name.js';
import type { TableName } from '../naming/table-name.js';
import type { WorkflowInput, WorkflowStarter } from '../workflow/workflow-input.js';
import type { FiledMetadata } from './filed-metadata.js';
import { step } from './filing-step.js';

/** The execution input for a filed object: small, the header stays in the file. */
export function workflowInput(
  bucket: string,
  name: TableName,
  key: string,
  metadata: FiledMetadata,
  profile: CsvProfile,
  size: number,
): WorkflowInput {
  return {
    bucket,
    key,
    sourceKey: metadata.sourceKey,
    table: name.table,
    snapshot: name.snapshot ?? null,
    encoding: metadata.sourceEncoding,
    delimiter: profile.delimiter,
    quote: profile.quote,
    columns: profile.header.catalog.length,
    quoted: profile.quoted,
    multiline: profile.multiline,
    size,
    filedAt: metadata.filedAt,
    superseded: key.startsWith('_archive/'),
  };
}

/** Starts the workflow under a name derived from the source key and ETag (idempotent). */
export async function startWorkflow(
  starter: WorkflowStarter | undefined,
  name: TableName,
  metadata: FiledMetadata,
  input: WorkflowInput,
) {
  if (!starter) return undefined;
  const workflow = starter;
  const execution = executionName({
    table: name.table,
    snapshot: name.snapshot,
    sourceKey: metadata.sourceKey,
    eTag: metadata.sourceETag,
  });
  return step(metadata.sourceKey, 'start-workflow', () => workflow.start(execution, input));
}
