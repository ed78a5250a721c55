import { randomUUID } from 'node:crypto';
import pLimit from 'p-limit';
import type { Config } from '../config/config-schema.js';
import type { ObjectStore } from '../filing/object-store.js';
import type { WorkflowStarter } from '../workflow/workflow-input.js';
import { resyncTable, type SyncOutcome } from './resync-table.js';
import { tablePrefixes } from './table-prefixes.js';

export interface SyncTablesRequest {
  /** The tables (prefixes) to sync; ignored with `all`. */
  tables?: readonly string[];
  /** Every table prefix, less _raw/, _archive/ and the configured exclusions. */
  all?: boolean;
  concurrency: number;
}

/**
 * `sync`: resyncTable for each table, `concurrency` at a time, as one run (its executions
 * share a run id). What the CLI runs on a folder and on AWS, and the console's Sync button.
 */
export async function syncTables(
  deps: { store: ObjectStore; config: Config; workflow: WorkflowStarter },
  request: SyncTablesRequest,
  hooks: {
    onTables?: (tables: string[]) => void;
    onTableDone?: (outcome: SyncOutcome) => void;
  } = {},
): Promise<SyncOutcome[]> {
  const tables = request.all
    ? await tablePrefixes(deps.store, deps.config)
    : [...(request.tables ?? [])];
  hooks.onTables?.(tables);
  const runId = randomUUID().slice(0, 8);
  const limit = pLimit(request.concurrency);
  return Promise.all(
    tables.map((table) =>
      limit(async () => {
        const outcome = await resyncTable(table, { ...deps, runId });
        hooks.onTableDone?.(outcome);
        return outcome;
      }),
    ),
  );
}
