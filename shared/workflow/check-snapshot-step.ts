import type { Config } from '../config/config-schema.js';
import { loadSettingsFor } from '../config/load-settings.js';
import type { ObjectStore } from '../filing/object-store.js';
import { MAX_LOAD_CHUNKS } from './history-bound.js';
import { type SnapshotVerdict, snapshotVerdict } from './snapshot-verdict.js';
import type { WorkflowInput } from './workflow-input.js';

/** The workflow's first step: is the file still current, and the settings the ASL needs. */
export interface CheckSnapshotResult extends SnapshotVerdict {
  /**
   * A crawl that started at or after this time covers the file. It is this step's clock, not
   * the input's filedAt: the execution starts only once filing is done, while filedAt is
   * stamped before the copy into `<table>/` (a long transcoding copy could end minutes later).
   */
  coverCrawlsFrom: string;
  /** config crawl.pollIntervalSeconds: the Wait between two GetCrawler polls. */
  pollIntervalSeconds: number;
  /** config crawl.maxPolls: the polls each crawl gets before the execution gives up. */
  maxPolls: number;
  /** rds.load for the table (rds.tables.<table>.load wins): `off` skips LoadRows. */
  load: Config['rds']['load'];
  /** The LoadRows loop's bound: IsLoadDone fails the execution at this many chunks. */
  maxChunks: number;
}

/**
 * CheckSnapshot: the snapshot verdict, the time from which a crawl covers the file (taken
 * before the listing, so that a crawl starting while this step runs still counts), and the
 * crawl and load settings the state machine reads.
 */
export async function checkSnapshotStep(
  input: Pick<WorkflowInput, 'table' | 'key' | 'snapshot' | 'superseded'>,
  deps: { store: ObjectStore; config: Config; now?: () => Date },
): Promise<CheckSnapshotResult> {
  const coverCrawlsFrom = (deps.now?.() ?? new Date()).toISOString();
  const check = await snapshotVerdict(input, deps);
  return {
    ...check,
    coverCrawlsFrom,
    pollIntervalSeconds: deps.config.crawl.pollIntervalSeconds,
    maxPolls: deps.config.crawl.maxPolls,
    load: loadSettingsFor(deps.config, input.table).load,
    maxChunks: MAX_LOAD_CHUNKS,
  };
}
