import type { Config } from '../config/config-schema.js';
import { describeError } from '../errors.js';
import { fromS3Metadata } from '../filing/filed-metadata.js';
import { keepNewestSnapshotInPlace } from '../filing/keep-newest-in-place.js';
import { listAll, type ObjectStore, type StoredObject } from '../filing/object-store.js';
import { sniffObject } from '../filing/sniff-object.js';
import { startWorkflow, workflowInput } from '../filing/start-workflow.js';
import { tablePaths } from '../filing/table-paths.js';
import { fileNameOf } from '../naming/key-scope.js';
import { compareSnapshotFiles, snapshotOfLastModified } from '../naming/snapshot-order.js';
import { deriveTableName } from '../naming/table-name.js';
import type { WorkflowStart, WorkflowStarter } from '../workflow/workflow-input.js';

export interface SyncOutcome {
  table: string;
  status: 'started' | 'skipped' | 'failed';
  /** The file the workflow runs for: the newest snapshot in the table's prefix. */
  key?: string;
  reason?: string;
  /** Something the operator should know, e.g. a file filed by hand that is not UTF-8. */
  warning?: string;
  execution?: WorkflowStart;
}

export interface SyncDependencies {
  store: ObjectStore;
  config: Config;
  workflow?: WorkflowStarter;
  /** One sync run: executions of the same run and table share a name (idempotent). */
  runId: string;
}

/**
 * Starts the workflow for the newest snapshot already in a table's prefix — tables filed by
 * hand, crawlers made by hand — so one command brings every table's crawler, catalog types
 * and names, and MySQL table in line.
 */
export async function resyncTable(table: string, deps: SyncDependencies): Promise<SyncOutcome> {
  try {
    // A stopped or killed filing may have left older snapshots in place: archived first.
    await keepNewestSnapshotInPlace(deps.store, table, deps.config);
    const objects = await listAll(deps.store.listFiles(tablePaths.prefix(table)));
    const newest = newestFile(
      objects.filter((o) => /\.csv$/i.test(o.key) && o.size > 0),
      deps,
    );
    if (!newest) return { table, status: 'skipped', reason: `no CSV file directly in ${table}/` };
    const object = (await deps.store.head(newest.key)) ?? newest;
    const profile = await sniffObject(deps.store, object, table, deps.config);
    const filed = fromS3Metadata(object.metadata);
    const metadata = {
      sourceKey: filed?.sourceKey ?? object.key,
      sourceETag: filed?.sourceETag ?? (object.eTag ?? '').replace(/"/g, ''),
      sourceEncoding: filed?.sourceEncoding ?? encodingName(profile.encoding, profile.bom),
      filedAt: filed?.filedAt ?? (object.lastModified ?? new Date()).toISOString(),
    };
    const name = { table, snapshot: snapshotOf(object.key, deps) };
    const input = workflowInput(
      deps.store.bucket,
      name,
      object.key,
      metadata,
      profile,
      object.size,
    );
    const execution = await startWorkflow(
      deps.workflow,
      name,
      {
        ...metadata,
        sourceKey: `sync:${object.key}`,
        sourceETag: `${metadata.sourceETag}:${deps.runId}`,
      },
      input,
    );
    const warning =
      !filed && (profile.encoding !== 'utf-8' || profile.bom)
        ? `${object.key} is ${encodingName(profile.encoding, profile.bom)}, which Glue and Athena read as UTF-8: drop it at the bucket root again to have it transcoded`
        : undefined;
    return {
      table,
      status: 'started',
      key: object.key,
      execution,
      ...(warning ? { warning } : {}),
    };
  } catch (error) {
    return { table, status: 'failed', reason: describeError(error) };
  }
}

/**
 * The newest file by the one order of shared/naming/snapshot-order.ts (snapshot, then the
 * listing's LastModified, then the key), so sync runs for the very file CheckSnapshot and
 * filing keep in place. A file whose name has no snapshot takes its LastModified as one.
 */
function newestFile(objects: StoredObject[], deps: SyncDependencies): StoredObject | undefined {
  return objects
    .map((object) => ({
      object,
      key: object.key,
      snapshot: snapshotOf(object.key, deps) ?? snapshotOfLastModified(object.lastModified),
      lastModified: object.lastModified,
    }))
    .sort(compareSnapshotFiles)
    .at(-1)?.object;
}

function snapshotOf(key: string, deps: SyncDependencies): string | undefined {
  try {
    return deriveTableName(fileNameOf(key), deps.config.naming.rules).snapshot;
  } catch {
    return undefined;
  }
}

function encodingName(encoding: string, bom: boolean): string {
  return bom ? `${encoding}-bom` : encoding;
}
