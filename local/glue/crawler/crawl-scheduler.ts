import { randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import {
  type GlueCrawler,
  type GlueCsvClassifier,
  type LastCrawlStatus,
  nowEpochSeconds,
  type StoredCrawler,
} from '../catalog-model.js';
import { GlueServiceError } from '../glue-errors.js';
import type { StateStore } from '../state-store.js';
import { writeCrawlResults } from './catalog-writer.js';
import { CrawlFailure } from './crawl-errors.js';
import { planCrawl } from './crawl-plan.js';
import { crawlerOptions } from './crawler-configuration.js';
import { tableThresholdFailure, thresholdLogLines } from './table-threshold.js';

export interface CrawlSchedulerOptions {
  store: StateStore;
  s3: S3Client;
  /** A run lasts at least this long, so that callers can observe RUNNING. */
  minCrawlMs: number;
  log: (crawlerName: string, message: string) => void;
}

interface ActiveRun {
  controller: AbortController;
  startedAt: number;
  /** Why the run was interrupted: a StopCrawler, or the endpoint closing. */
  interruption?: 'stop' | 'shutdown';
  done: Promise<void>;
}

/** Finished-run durations kept for MedianRuntimeSeconds. */
const KEPT_DURATIONS = 20;
const LOG_GROUP = '/aws-glue/crawlers';

/**
 * Runs crawls in the background: READY → RUNNING → STOPPING → READY, with LastCrawl set at the
 * end (SUCCEEDED, FAILED with the reason, or CANCELLED after StopCrawler). The catalog is
 * written only when a crawl succeeds, all at once.
 */
export class CrawlScheduler {
  private readonly options: CrawlSchedulerOptions;
  private readonly active = new Map<string, ActiveRun>();

  constructor(options: CrawlSchedulerOptions) {
    this.options = options;
  }

  /** StartCrawler: CrawlerRunningException unless the crawler is READY. */
  start(stored: StoredCrawler): void {
    const { crawler } = stored;
    if (crawler.State !== 'READY' || this.active.has(crawler.Name)) {
      throw new GlueServiceError(
        'CrawlerRunningException',
        `Crawler with name ${crawler.Name} has already started`,
      );
    }
    crawler.State = 'RUNNING';
    crawler.CrawlElapsedTime = 0;
    stored.runs.current = { startTime: nowEpochSeconds(), messagePrefix: randomUUID() };
    const run: ActiveRun = {
      controller: new AbortController(),
      startedAt: Date.now(),
      done: Promise.resolve(),
    };
    this.active.set(crawler.Name, run);
    run.done = this.execute(stored, run).finally(() => this.release(crawler.Name, run));
  }

  /** StopCrawler: the run is abandoned and ends CANCELLED. */
  stop(stored: StoredCrawler): void {
    const { crawler } = stored;
    const run = this.active.get(crawler.Name);
    if (crawler.State === 'STOPPING') {
      throw new GlueServiceError(
        'CrawlerStoppingException',
        `Crawler ${crawler.Name} is stopping.`,
      );
    }
    if (crawler.State !== 'RUNNING' || !run) {
      throw new GlueServiceError(
        'CrawlerNotRunningException',
        `Crawler ${crawler.Name} isn't running.`,
      );
    }
    crawler.State = 'STOPPING';
    run.interruption = 'stop';
    run.controller.abort();
  }

  /** GetCrawler's view: the stored crawler with the time the current run has taken so far. */
  view(stored: StoredCrawler): GlueCrawler {
    const run = this.active.get(stored.crawler.Name);
    return { ...stored.crawler, CrawlElapsedTime: run ? Date.now() - run.startedAt : 0 };
  }

  /** GetCrawlerMetrics for one crawler. */
  metrics(stored: StoredCrawler) {
    const { runs } = stored;
    const run = this.active.get(stored.crawler.Name);
    const median = medianOf(runs.durations);
    const elapsed = run ? (Date.now() - run.startedAt) / 1000 : 0;
    return {
      CrawlerName: stored.crawler.Name,
      TimeLeftSeconds: run ? Math.max(0, median - elapsed) : 0,
      StillEstimating: run !== undefined && runs.durations.length === 0,
      LastRuntimeSeconds: runs.durations.at(-1) ?? 0,
      MedianRuntimeSeconds: median,
      TablesCreated: runs.tablesCreated,
      TablesUpdated: runs.tablesUpdated,
      TablesDeleted: runs.tablesDeleted,
    };
  }

  /** Abandons every run without touching the catalog: a restart reports them CANCELLED. */
  async close(): Promise<void> {
    const runs = [...this.active.values()];
    for (const run of runs) {
      run.interruption = 'shutdown';
      run.controller.abort();
    }
    await Promise.all(runs.map((run) => run.done));
  }

  private async execute(stored: StoredCrawler, run: ActiveRun): Promise<void> {
    const { crawler } = stored;
    const log = (message: string) => this.options.log(crawler.Name, message);
    let outcome: { status: LastCrawlStatus; error?: string };
    try {
      const classifiers = crawler.Classifiers.map((name) => this.classifier(name));
      log(`Crawl started (${crawler.Targets.S3Targets.map((t) => t.Path).join(', ')}).`);
      const drafts = await planCrawl({
        crawler,
        classifiers,
        s3: this.options.s3,
        signal: run.controller.signal,
        log,
      });
      // TableThreshold: a crawl that finds too many tables fails before anything is written.
      const { tableThreshold } = crawlerOptions(crawler.Configuration);
      if (tableThreshold !== undefined && drafts.length > tableThreshold) {
        for (const line of thresholdLogLines(drafts)) log(line);
        throw tableThresholdFailure(drafts, tableThreshold);
      }
      await this.untilMinimumElapsed(run);
      const changes = writeCrawlResults(this.options.store.state, crawler, drafts, log);
      stored.runs.tablesCreated = changes.tablesCreated;
      stored.runs.tablesUpdated = changes.tablesUpdated;
      stored.runs.tablesDeleted = 0;
      outcome = { status: 'SUCCEEDED' };
    } catch (error) {
      if (run.interruption === 'shutdown') return;
      if (run.interruption === 'stop') {
        outcome = { status: 'CANCELLED' };
      } else {
        outcome = { status: 'FAILED', error: failureMessage(error) };
      }
    }
    if (run.interruption === 'shutdown') return;
    log(`Crawl ${outcome.status}${outcome.error ? `: ${outcome.error}` : ''}.`);
    await this.finish(stored, run, outcome);
  }

  /** RUNNING → STOPPING → READY, with LastCrawl telling how the run ended. */
  private async finish(
    stored: StoredCrawler,
    run: ActiveRun,
    outcome: { status: LastCrawlStatus; error?: string },
  ): Promise<void> {
    const { crawler } = stored;
    crawler.State = 'STOPPING';
    await this.options.store.persist();
    await sleep(Math.min(250, Math.round(this.options.minCrawlMs / 4)));
    if (run.interruption === 'shutdown') return;
    const current = stored.runs.current ?? {
      startTime: nowEpochSeconds(),
      messagePrefix: randomUUID(),
    };
    // READY means startable: a StartCrawler right after GetCrawler says READY must not be refused.
    this.release(crawler.Name, run);
    crawler.State = 'READY';
    crawler.CrawlElapsedTime = 0;
    crawler.LastCrawl = {
      Status: outcome.status,
      ...(outcome.error === undefined ? {} : { ErrorMessage: outcome.error }),
      LogGroup: LOG_GROUP,
      LogStream: crawler.Name,
      MessagePrefix: current.messagePrefix,
      StartTime: current.startTime,
    };
    stored.runs.current = undefined;
    stored.runs.durations = [...stored.runs.durations, (Date.now() - run.startedAt) / 1000].slice(
      -KEPT_DURATIONS,
    );
    await this.options.store.persist();
  }

  /** Forgets a run, unless a newer run of the crawler has started since. */
  private release(crawlerName: string, run: ActiveRun): void {
    if (this.active.get(crawlerName) === run) this.active.delete(crawlerName);
  }

  private classifier(name: string): GlueCsvClassifier {
    const classifier = this.options.store.state.classifiers.get(name);
    if (!classifier) throw new CrawlFailure(`Classifier ${name} does not exist.`);
    return classifier;
  }

  private async untilMinimumElapsed(run: ActiveRun): Promise<void> {
    const remaining = this.options.minCrawlMs - (Date.now() - run.startedAt);
    if (remaining > 0) await sleep(remaining, run.controller.signal);
    if (run.controller.signal.aborted) throw new CrawlFailure('The crawl was interrupted.');
  }
}

function failureMessage(error: unknown): string {
  if (error instanceof CrawlFailure) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `Internal Service Exception: ${message}`;
}

function medianOf(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Resolves after `ms`, or as soon as the signal aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
