import type { Config } from '../config/config-schema.js';
import { describeError, NamingError } from '../errors.js';
import { fileNameOf, isTablePrefix } from '../naming/key-scope.js';
import { compareSnapshotStamps } from '../naming/snapshot-order.js';
import { deriveTableName, type TableName } from '../naming/table-name.js';
import type { WorkflowInput, WorkflowStarter } from '../workflow/workflow-input.js';
import { type FiledMetadata, fromS3Metadata, toS3Metadata } from './filed-metadata.js';
import type { FiledOutcome, FilingOutcome } from './filing-outcome.js';
import { step } from './filing-step.js';
import type { ObjectStore, StoredObject } from './object-store.js';
import { archiveOlderSnapshots, newestSnapshotInPlace } from './snapshot-convergence.js';
import { sniffObject } from './sniff-object.js';
import { startWorkflow, workflowInput } from './start-workflow.js';
import { tablePaths } from './table-paths.js';
import { writeFiledCopy } from './write-filed-copy.js';

export interface FilingDependencies {
  store: ObjectStore;
  config: Config;
  /** Absent: file only, start nothing. */
  workflow?: WorkflowStarter;
  now?: () => Date;
}

export interface FilingRequest {
  /** The object key, decoded (spaces, not `+`). */
  key: string;
  /** From the event, where it has them. */
  size?: number;
  eTag?: string;
}

/**
 * Files one dropped CSV into its table's prefix and starts the workflow for it. Safe to run
 * twice for the same object (S3 delivers at least once) and concurrently for one table.
 * Never throws for a problem with this one object: the outcome says what happened.
 */
export async function fileCsvObject(
  request: FilingRequest,
  deps: FilingDependencies,
): Promise<FilingOutcome> {
  const { key } = request;
  const skipReason = reasonToSkip(request);
  if (skipReason) return { status: 'skipped', sourceKey: key, reason: skipReason };
  let name: TableName | undefined;
  try {
    name = deriveTableName(key, deps.config.naming.rules);
    if (!isTablePrefix(tablePaths.prefix(name.table), deps.config.naming.exclude)) {
      throw new NamingError(
        key,
        `its table name "${name.table}" is a reserved or excluded prefix; rename the file or add a naming rule`,
      );
    }
    const source = await step(key, 'head', () => deps.store.head(key));
    if (!source) return await completeDuplicate(request, name, deps);
    if (source.size === 0) return { status: 'skipped', sourceKey: key, reason: 'zero-byte object' };
    return await fileSource(source, name, deps);
  } catch (error) {
    return {
      status: 'failed',
      sourceKey: key,
      error: error instanceof Error ? error.name : 'Error',
      reason: describeError(error),
      table: name?.table,
    };
  }
}

function reasonToSkip(request: FilingRequest): string | undefined {
  if (request.key.includes('/')) return 'not at the bucket root';
  if (!/\.csv$/i.test(request.key)) return 'not a .csv file';
  if (request.size === 0) return 'zero-byte object';
  return undefined;
}

async function fileSource(
  source: StoredObject,
  name: TableName,
  deps: FilingDependencies,
): Promise<FilingOutcome> {
  const { store, config } = deps;
  const fileName = fileNameOf(source.key);
  const profile = await sniffObject(store, source, name.table, config);
  const superseded = await isOlderThanInPlace(store, name, config);
  const target = superseded
    ? tablePaths.archived(name.table, fileName)
    : tablePaths.inPlace(name.table, fileName);
  const filedAt = (deps.now?.() ?? new Date()).toISOString();
  const metadata: FiledMetadata = {
    sourceKey: source.key,
    sourceETag: source.eTag ?? '',
    sourceEncoding: profile.bom ? `${profile.encoding}-bom` : profile.encoding,
    filedAt,
  };
  let copy: Awaited<ReturnType<typeof writeFiledCopy>>;
  try {
    copy = await writeFiledCopy({
      store,
      source,
      target,
      rawKey: tablePaths.raw(name.table, fileName),
      profile,
      metadata: toS3Metadata(metadata),
    });
  } catch (error) {
    // A concurrent delivery of the same event filed it and deleted the source meanwhile.
    if (!(await store.head(source.key))) {
      return completeDuplicate({ key: source.key, eTag: source.eTag }, name, deps);
    }
    throw error;
  }
  // Only the version that was copied: a re-upload under the same key meanwhile stays (412).
  await step(source.key, 'delete-source', () => store.delete(source.key, { ifMatch: source.eTag }));
  const { key, archived } = await converge(store, name, target, config, source.key);
  const input = workflowInput(store.bucket, name, key, metadata, profile, copy.size);
  return {
    ...(await filedOutcome(deps, name, input, metadata, archived, false)),
    kept: copy.replaced,
    rawKey: copy.rawKey,
  };
}

/**
 * The source is gone: a duplicate delivery, or a retry after a failure past the delete.
 * Finds the filed copy (in place or archived), finishes what may be left (archiving,
 * starting the workflow, both idempotent) and reports it as already filed.
 */
async function completeDuplicate(
  request: FilingRequest,
  name: TableName,
  deps: FilingDependencies,
): Promise<FilingOutcome> {
  const { store, config } = deps;
  const fileName = fileNameOf(request.key);
  const candidates = [
    tablePaths.inPlace(name.table, fileName),
    tablePaths.archived(name.table, fileName),
  ];
  for (const candidate of candidates) {
    const filed = await step(request.key, 'head', () => store.head(candidate));
    const metadata = fromS3Metadata(filed?.metadata);
    if (!filed || !metadata || metadata.sourceKey !== request.key) continue;
    if (request.eTag && metadata.sourceETag && unquote(request.eTag) !== metadata.sourceETag) {
      continue;
    }
    const { key, archived } = await converge(store, name, candidate, config, request.key);
    const profile = await sniffObject(store, filed, name.table, config, 'utf-8');
    const input = workflowInput(store.bucket, name, key, metadata, profile, filed.size);
    return filedOutcome(deps, name, input, metadata, archived, true);
  }
  return {
    status: 'skipped',
    sourceKey: request.key,
    reason: 'the object is gone and no filed copy of it was found (deleted before filing?)',
  };
}

/**
 * Goes straight to the archive only when its snapshot is older than the newest in place. A
 * source whose snapshot ties with it counts as newer: it is filed later, so its copy in place
 * has the later LastModified (snapshot-order.ts), and `converge` keeps exactly one of the two.
 */
async function isOlderThanInPlace(store: ObjectStore, name: TableName, config: Config) {
  if (config.snapshots !== 'replace' || !name.snapshot) return false;
  const newest = await newestSnapshotInPlace(store, name.table, config);
  return newest !== undefined && compareSnapshotStamps(name.snapshot, newest.snapshot) < 0;
}

/** Archives older snapshots (replace mode) and says where the file ended up. */
async function converge(
  store: ObjectStore,
  name: TableName,
  target: string,
  config: Config,
  sourceKey: string,
): Promise<{ key: string; archived: string[] }> {
  if (config.snapshots !== 'replace' || !name.snapshot) return { key: target, archived: [] };
  const archived = await step(sourceKey, 'archive', () =>
    archiveOlderSnapshots(store, name.table, config, target),
  );
  if (target.startsWith('_archive/')) return { key: target, archived };
  // A concurrent filing of a newer snapshot may have archived this one meanwhile.
  const stillInPlace = await step(sourceKey, 'archive', () => store.head(target));
  const key = stillInPlace ? target : tablePaths.archived(name.table, fileNameOf(target));
  return { key, archived };
}

/** The outcome of a filing that ended with the file in place or archived, workflow started. */
async function filedOutcome(
  deps: FilingDependencies,
  name: TableName,
  input: WorkflowInput,
  metadata: FiledMetadata,
  archived: string[],
  alreadyFiled: boolean,
): Promise<FiledOutcome> {
  const encoding = metadata.sourceEncoding;
  return {
    status: 'filed',
    sourceKey: input.sourceKey,
    table: name.table,
    snapshot: name.snapshot ?? null,
    key: input.key,
    superseded: input.superseded,
    archived,
    transcoded: encoding !== 'utf-8',
    encoding,
    alreadyFiled,
    execution: await startWorkflow(deps.workflow, name, metadata, input),
  };
}

function unquote(eTag: string): string {
  return eTag.replace(/"/g, '');
}
