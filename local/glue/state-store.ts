import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type CatalogDocument, catalogDocument, catalogStateOf } from './catalog-json.js';
import { type CatalogState, emptyCatalogState } from './catalog-model.js';

const STATE_FILE = 'glue-catalog.json';

/**
 * The catalog in memory, persisted as one JSON file in the endpoint's folder. Every write goes to
 * a temporary file that is then renamed over the old one, so a crash leaves either the old or
 * the new catalog, never half of one. Writes are coalesced: callers that changed the state while
 * a write was in flight share the next one.
 */
export class StateStore {
  public readonly state: CatalogState;
  private readonly file: string;
  private inFlight: Promise<void> | undefined;
  private dirty = false;
  private writeCount = 0;

  private constructor(file: string, state: CatalogState) {
    this.file = file;
    this.state = state;
  }

  /** Opens (or creates) the catalog in `dir`; crawls that were running are reported cancelled. */
  static async open(dir: string): Promise<StateStore> {
    await mkdir(dir, { recursive: true });
    const file = join(dir, STATE_FILE);
    const state = await readState(file);
    const store = new StateStore(file, state);
    if (cancelInterruptedCrawls(state)) await store.persist();
    return store;
  }

  /** Resolves once the current state (including every change made before the call) is on disk. */
  async persist(): Promise<void> {
    this.dirty = true;
    while (this.dirty) {
      if (this.inFlight) {
        await this.inFlight;
        continue;
      }
      this.dirty = false;
      this.inFlight = this.write().finally(() => {
        this.inFlight = undefined;
      });
      await this.inFlight;
    }
  }

  private async write(): Promise<void> {
    // Serialised synchronously: the snapshot is the state as of this moment.
    const text = `${JSON.stringify(catalogDocument(this.state), null, 1)}\n`;
    this.writeCount += 1;
    const temporary = `${this.file}.${process.pid}.${this.writeCount}.tmp`;
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, this.file);
  }
}

async function readState(file: string): Promise<CatalogState> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyCatalogState();
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<CatalogDocument>;
  if (parsed.formatVersion !== 1) {
    throw new Error(`${file}: unknown catalog format ${String(parsed.formatVersion)}`);
  }
  return catalogStateOf(parsed, file);
}

/** A crawl cannot survive its process: one that was running comes back READY and CANCELLED. */
function cancelInterruptedCrawls(state: CatalogState): boolean {
  let changed = false;
  for (const stored of state.crawlers.values()) {
    const { crawler, runs } = stored;
    if (crawler.State === 'READY' && runs.current === undefined) continue;
    const run = runs.current ?? { startTime: crawler.LastUpdated, messagePrefix: 'interrupted' };
    crawler.State = 'READY';
    crawler.CrawlElapsedTime = 0;
    crawler.LastCrawl = {
      Status: 'CANCELLED',
      ErrorMessage: 'The local Glue endpoint stopped while the crawl was running.',
      LogGroup: '/aws-glue/crawlers',
      LogStream: crawler.Name,
      MessagePrefix: run.messagePrefix,
      StartTime: run.startTime,
    };
    runs.current = undefined;
    changed = true;
  }
  return changed;
}
