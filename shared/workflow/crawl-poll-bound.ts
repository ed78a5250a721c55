/*
 * How many GetCrawler polls an execution can afford. Step Functions fails an execution at its
 * 25,000th history event (local/workflow/execution-quotas.ts), so `crawl.maxPolls` is bounded
 * by what the ASL logs per poll, counted from statemachines/csv-catalog.asl.json here and
 * checked against the file by test/workflow/crawl-poll-bound.test.ts.
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

/**
 * `crawl.maxPolls`' upper bound (config-schema.ts). Each poll logs 11 events, 23 when
 * GetCrawler spends its 4 retries; a file may need two crawls (one recrawl); the other states,
 * their retries spent, take the rest. The derivation allows 538 with today's ASL (maxPollsWithinQuota);
 * the bound is rounded down so that a Retry added later does not take the last events.
 */
export const MAX_CRAWL_POLLS = 500;

/** The events a state logs at most: a Task's retries each add TaskFailed, -Scheduled, -Started. */
export function historyEventsOf(state: StateEventShape): number {
  if (state.Type === 'Fail') return 1;
  if (state.Type !== 'Task') return 2;
  // MaxAttempts defaults to 3 (Amazon States Language).
  const retries = (state.Retry ?? []).reduce((sum, r) => sum + (r.MaxAttempts ?? 3), 0);
  return 5 + 3 * retries;
}

/**
 * The largest maxPolls with which the longest execution (every retry spent, two crawls of
 * maxPolls polls each, every other state visited once) stays within 25,000 events.
 */
export function maxPollsWithinQuota(states: Readonly<Record<string, StateEventShape>>): number {
  const eventsOf = (names: readonly string[]) =>
    names.reduce((sum, name) => sum + historyEventsOf(stateNamed(states, name)), 0);
  const crawls = 1 + MAX_RECRAWLS;
  const looped = new Set([...POLL_LOOP_STATES, ...CRAWL_STATES]);
  const once = Object.keys(states).filter((name) => !looped.has(name));
  // ExecutionStarted and the event that ends it.
  const fixed = 2 + eventsOf(once) + crawls * eventsOf(CRAWL_STATES);
  return Math.floor((HISTORY_EVENT_QUOTA - fixed) / (crawls * eventsOf(POLL_LOOP_STATES)));
}

function stateNamed(states: Readonly<Record<string, StateEventShape>>, name: string) {
  const state = states[name];
  if (!state) throw new Error(`the state machine has no state ${name}`);
  return state;
}
