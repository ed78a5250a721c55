/*
 * How many GetCrawler polls and LoadRows chunks an execution can afford. Step Functions fails
 * an execution at its 25,000th history event (local/workflow/execution-quotas.ts), so
 * `crawl.maxPolls` and the LoadRows loop share that budget: both are bounded by what the ASL
 * logs per poll and per chunk, counted from statemachines/csv-catalog.asl.json here and
 * checked against the file by test/workflow/history-bound.test.ts.
 */

/** A state of the definition, as far as its history events go. */
export interface StateEventShape {
  Type: string;
  Retry?: readonly { MaxAttempts?: number }[];
}

/** Step Functions' hard quota on one execution's history. */
export const HISTORY_EVENT_QUOTA = 25_000;

/** CrawlAgain starts the crawler a second time, at most once (DoesCrawlCoverFile reads it). */
export const MAX_RECRAWLS = 1;

/** The states one poll goes through, in order: IsCrawlerReady loops back to WaitForCrawler. */
export const POLL_LOOP_STATES = ['WaitForCrawler', 'GetCrawler', 'CountPoll', 'IsCrawlerReady'];

/** The states each crawl adds besides its polls. */
export const CRAWL_STATES = ['StartCrawler', 'DoesCrawlCoverFile'];

/** The states one chunk of the load goes through: IsLoadDone loops back to LoadRows. */
export const LOAD_LOOP_STATES = ['LoadRows', 'IsLoadDone'];

/**
 * `crawl.maxPolls`' upper bound (config-schema.ts). Each poll logs 11 events, 23 when
 * GetCrawler spends its 4 retries; a file may need two crawls (one recrawl). Half the history
 * goes to the polls (250 polls × 2 crawls × 23 = 11,500 events), the rest to the load loop
 * (MAX_LOAD_CHUNKS) and the other states. Rounded down from what the ASL allows, so that a
 * Retry added later does not take the last events.
 */
export const MAX_CRAWL_POLLS = 250;

/**
 * The chunks the LoadRows loop may take (IsLoadDone fails the execution at this count with
 * LoadTooLong). Each chunk logs 7 events, 40 when LoadRows spends its 11 retries. The LoadRows
 * step sizes its chunks so that any file fits in one fewer (effectiveChunkBytes). Rounded down
 * from maxLoadChunksWithinQuota.
 */
export const MAX_LOAD_CHUNKS = 300;

/** The events a state logs at most: a Task's retries each add TaskFailed, -Scheduled, -Started. */
export function historyEventsOf(state: StateEventShape): number {
  if (state.Type === 'Fail') return 1;
  if (state.Type !== 'Task') return 2;
  // MaxAttempts defaults to 3 (Amazon States Language).
  const retries = (state.Retry ?? []).reduce((sum, r) => sum + (r.MaxAttempts ?? 3), 0);
  return 5 + 3 * retries;
}

type States = Readonly<Record<string, StateEventShape>>;

/**
 * The largest maxPolls with which the longest execution (every retry spent, two crawls of
 * maxPolls polls each, `loadChunks` chunks, every other state visited once) stays within
 * 25,000 events.
 */
export function maxPollsWithinQuota(states: States, loadChunks = MAX_LOAD_CHUNKS): number {
  const crawls = 1 + MAX_RECRAWLS;
  const load = loadChunks * eventsOf(states, LOAD_LOOP_STATES);
  return Math.floor(
    (HISTORY_EVENT_QUOTA - fixedEvents(states) - load) /
      (crawls * eventsOf(states, POLL_LOOP_STATES)),
  );
}

/**
 * The largest number of LoadRows chunks with which the longest execution (as above, with
 * `maxPolls` polls per crawl) stays within 25,000 events.
 */
export function maxLoadChunksWithinQuota(states: States, maxPolls = MAX_CRAWL_POLLS): number {
  const crawls = 1 + MAX_RECRAWLS;
  const polls = crawls * maxPolls * eventsOf(states, POLL_LOOP_STATES);
  return Math.floor(
    (HISTORY_EVENT_QUOTA - fixedEvents(states) - polls) / eventsOf(states, LOAD_LOOP_STATES),
  );
}

/**
 * The chunk size a load uses: the configured one, or larger where the file would need more
 * than MAX_LOAD_CHUNKS - 1 chunks of it. A chunk ends on the record end at or after its size,
 * so it is never smaller than that size (but the last): the file fits in the loop.
 */
export function effectiveChunkBytes(configured: number, fileSize: number): number {
  return Math.max(configured, Math.ceil(fileSize / (MAX_LOAD_CHUNKS - 1)));
}

/** ExecutionStarted, the ending event, and every state outside the loops visited once. */
function fixedEvents(states: States): number {
  const crawls = 1 + MAX_RECRAWLS;
  const looped = new Set([...POLL_LOOP_STATES, ...CRAWL_STATES, ...LOAD_LOOP_STATES]);
  const once = Object.keys(states).filter((name) => !looped.has(name));
  return 2 + eventsOf(states, once) + crawls * eventsOf(states, CRAWL_STATES);
}

function eventsOf(states: States, names: readonly string[]): number {
  return names.reduce((sum, name) => sum + historyEventsOf(stateNamed(states, name)), 0);
}

function stateNamed(states: States, name: string) {
  const state = states[name];
  if (!state) throw new Error(`the state machine has no state ${name}`);
  return state;
}
