import type { Config } from '../config/config-schema.js';
import { describeError, FilingError, type FilingStep, NamingError } from '../errors.js';
import { fileNameOf, isTablePrefix } from '../naming/key-scope.js';
import { compareSnapshotStamps } from '../naming/snapshot-order.js';
import { deriveTableName, type TableName } from '../naming/table-name.js';
import type { WorkflowInput, WorkflowStarter } from '../workflow/workflow-input.js';
import { type FiledMetadata, fromS3Metadata, toS3Metadata } from './filed-metadata.js';
import type { FiledOutcome, FilingOutcome } from './filing-outcome.js';
import { step } from './filing-step.js';
import { ListedKeys, NOTHING_LISTED } from './listed-keys.js';
import { listAll, type ObjectStore, type StoredObject } from './object-store.js';
import {
  archiveOlderSnapshots,
  type SnapshotFile,
  snapshotFilesOf,
} from './snapshot-convergence.js';
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
 * Where a filing puts its file and what listings already told it. Filing decides it itself
 * from one listing of the table's prefix; backfill decides it for a whole table at once.
 */
export interface Placement {
  /** Straight to `_archive/<table>/`: a newer snapshot is, or is about to be, in place. */
  superseded: boolean;
  /** Keys the caller's listings showed free: written without a HEAD first. */
  listed: Pick<ListedKeys, 'absent'>;
  /**
   * After the copy: `'list'` lists the prefix again and archives what is older (a file put in
   * place must, so that concurrent filings converge: snapshot-convergence.ts); an array
   * archives what an earlier listing showed older than its newest (a file that went straight
   * to the archive needs no listing after its copy); `'none'` leaves the prefix alone (no
   * snapshot, append mode, or the caller converges it).
   */
  converge: 'list' | 'none' | SnapshotFile[];
}

/**
 * Files one dropped CSV into its table's prefix and starts the workflow for it. Safe to run
 * twice for the same object (S3 delivers at least once) and concurrently for one table.
 * Never throws for a problem with this one object: the outcome says what happened. Where the
 * request carries the size and ETag (an event, a listing), the object is not asked about
 * with a HEAD: its copies and its delete are conditional on that ETag, and a failure before
 * the source is deleted asks then (the object may be gone, filed by another delivery, or
 * re-uploaded, which its copy's If-Match refuses).
 */
export async function fileCsvObject(
  request: FilingRequest,
  deps: FilingDependencies,
  placement?: Placement,
): Promise<FilingOutcome> {
  const { key } = request;
  const skipReason = reasonToSkip(request);
  if (skipReason) return { status: 'skipped', sourceKey: key, reason: skipReason };
  let name: TableName | undefined;
  try {
    name = filingTableName(key, deps.config);
    const known = knownSource(request);
    if (known) return await fileKnownSource(known, name, deps, placement);
    return await fileCurrentSource(key, request, name, deps, placement);
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

/** Why an object is not filed at all, before any request; undefined when it is a candidate. */
export function reasonToSkip(request: FilingRequest): string | undefined {
  if (request.key.includes('/')) return 'not at the bucket root';
  if (!/\.csv$/i.test(request.key)) return 'not a .csv file';
  if (request.size === 0) return 'zero-byte object';
  return undefined;
}

/** The table a root key files into; throws NamingError when none, or a reserved one. */
export function filingTableName(key: string, config: Config): TableName {
  const name = deriveTableName(key, config.naming.rules);
  if (!isTablePrefix(tablePaths.prefix(name.table), config.naming.exclude)) {
    throw new NamingError(
      key,
      `its table name "${name.table}" is a reserved or excluded prefix; rename the file or add a naming rule`,
    );
  }
  return name;
}

/** Steps that run before the source is deleted: a failure there leaves it as it was. */
const BEFORE_DELETE: ReadonlySet<FilingStep> = new Set<FilingStep>([
  'sniff',
  'copy',
  'keep-raw',
  'transcode',
  'verify',
]);

/** A source whose size and ETag an event or a listing gave: filed without a HEAD. */
async function fileKnownSource(
  known: StoredObject,
  name: TableName,
  deps: FilingDependencies,
  placement: Placement | undefined,
): Promise<FilingOutcome> {
  try {
    return await fileSource(known, name, deps, placement);
  } catch (error) {
    if (!(error instanceof FilingError) || !BEFORE_DELETE.has(error.step)) throw error;
    const current = await step(known.key, 'head', () => deps.store.head(known.key));
    if (!current) return completeDuplicate({ key: known.key, eTag: known.eTag }, name, deps);
    if (unquote(current.eTag ?? '') === unquote(known.eTag ?? '')) throw error;
    // Re-uploaded since it was announced: file what is there now, as a HEAD would have.
    return fileCurrentSource(known.key, { key: known.key }, name, deps, placement);
  }
}

/** The source as a HEAD finds it now. */
async function fileCurrentSource(
  key: string,
  request: FilingRequest,
  name: TableName,
  deps: FilingDependencies,
  placement: Placement | undefined,
): Promise<FilingOutcome> {
  const source = await step(key, 'head', () => deps.store.head(key));
  if (!source) return completeDuplicate(request, name, deps);
  if (source.size === 0) return { status: 'skipped', sourceKey: key, reason: 'zero-byte object' };
  return fileSource(source, name, deps, placement);
}

/** The request as a stored object when it carries both size and ETag (quoted, as S3 lists it). */
function knownSource(request: FilingRequest): StoredObject | undefined {
  if (!request.size || !request.eTag) return undefined;
  return { key: request.key, size: request.size, eTag: `"${unquote(request.eTag)}"` };
}

async function fileSource(
  source: StoredObject,
  name: TableName,
  deps: FilingDependencies,
  placement?: Placement,
): Promise<FilingOutcome> {
  const { store, config } = deps;
  const fileName = fileNameOf(source.key);
  const profile = await sniffObject(store, source, name.table, config);
  const place = placement ?? (await placeByListing(store, name, config));
  const target = place.superseded
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
      listed: place.listed,
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
  const { key, archived } = await converge(store, name, target, config, source.key, place);
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
    const place: Placement = {
      superseded: candidate.startsWith('_archive/'),
      listed: NOTHING_LISTED,
      converge: 'list',
    };
    const { key, archived } = await converge(store, name, candidate, config, request.key, place);
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
 * One listing of the table's prefix decides where the file goes and which keys are free. It
 * goes straight to the archive only when its snapshot is older than the newest in place. A
 * source whose snapshot ties with it counts as newer: it is filed later, so its copy in place
 * has the later LastModified (snapshot-order.ts), and `converge` keeps exactly one of the two.
 */
async function placeByListing(
  store: ObjectStore,
  name: TableName,
  config: Config,
): Promise<Placement> {
  if (config.snapshots !== 'replace' || !name.snapshot) {
    return { superseded: false, listed: NOTHING_LISTED, converge: 'none' };
  }
  const prefix = tablePaths.prefix(name.table);
  const objects = await listAll(store.listFiles(prefix));
  const files = snapshotFilesOf(objects, name.table, config);
  const newest = files.at(-1);
  const superseded =
    newest !== undefined && compareSnapshotStamps(name.snapshot, newest.snapshot) < 0;
  return {
    superseded,
    listed: new ListedKeys().add(prefix, objects),
    converge: superseded ? files : 'list',
  };
}

/**
 * Archives older snapshots (replace mode) as the placement says and tells where the file
 * ended up: in place unless the listing after its copy shows another file newest (a
 * concurrent filing of a newer snapshot, which archives this one if it has not yet).
 */
async function converge(
  store: ObjectStore,
  name: TableName,
  target: string,
  config: Config,
  sourceKey: string,
  place: Placement,
): Promise<{ key: string; archived: string[] }> {
  if (place.converge === 'none' || config.snapshots !== 'replace' || !name.snapshot) {
    return { key: target, archived: [] };
  }
  const files = place.converge === 'list' ? undefined : place.converge;
  const { archived, newest } = await step(sourceKey, 'archive', () =>
    archiveOlderSnapshots(store, name.table, config, target, { files, listed: place.listed }),
  );
  if (target.startsWith('_archive/') || newest?.key === target) return { key: target, archived };
  return { key: tablePaths.archived(name.table, fileNameOf(target)), archived };
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
