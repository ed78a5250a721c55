import type { CrawlScheduler } from './crawler/crawl-scheduler.js';
import type { JsonObject } from './json-protocol.js';
import type { StateStore } from './state-store.js';

/** What every operation works on. */
export interface GlueContext {
  store: StateStore;
  crawls: CrawlScheduler;
}

/** One Glue API operation: its handler, and whether it changes the catalog (then it is saved). */
export interface GlueOperation {
  mutates: boolean;
  run(input: JsonObject, context: GlueContext): unknown;
}

export type GlueOperations = Record<string, GlueOperation>;

export function reading(run: GlueOperation['run']): GlueOperation {
  return { mutates: false, run };
}

export function writing(run: GlueOperation['run']): GlueOperation {
  return { mutates: true, run };
}
