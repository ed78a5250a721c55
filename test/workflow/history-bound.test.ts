import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../local/workflow/json-value.js';
import type { TaskHandler } from '../../local/workflow/lambda-stand-in.js';
import { LocalWorkflowRunner } from '../../local/workflow/local-workflow-runner.js';
import { readStateMachine } from '../../local/workflow/state-machine-file.js';
import { configSchema } from '../../shared/config/config-schema.js';
import {
  CRAWL_STATES,
  effectiveChunkBytes,
  HISTORY_EVENT_QUOTA,
  historyEventsOf,
  LOAD_LOOP_STATES,
  MAX_CRAWL_POLLS,
  MAX_LOAD_CHUNKS,
  maxLoadChunksWithinQuota,
  maxPollsWithinQuota,
  POLL_LOOP_STATES,
  type StateEventShape,
} from '../../shared/workflow/history-bound.js';
import type { WorkflowInput } from '../../shared/workflow/workflow-input.js';

type AslState = StateEventShape & { Next?: string; Default?: string };

describe('crawl.maxPolls and the LoadRows loop, bounded by the 25,000-event history quota', () => {
  it('counts the poll loop the ASL really has: 11 events a poll, 23 with GetCrawler’s retries', async () => {
    // Prepare
    const states = (await readStateMachine()).States as unknown as Record<string, AslState>;

    // Act: follow the loop from WaitForCrawler back to itself
    const loop = ['WaitForCrawler'];
    for (let next = states.WaitForCrawler?.Next; next && next !== 'WaitForCrawler'; ) {
      loop.push(next);
      const state: AslState | undefined = states[next];
      next = state?.Next ?? state?.Default;
    }

    // Assess
    expect(loop).toEqual(POLL_LOOP_STATES);
    expect(states.DoesCrawlCoverFile?.Default).toBe('CrawlAgain');
    expect(states.CrawlAgain?.Next).toBe(CRAWL_STATES[0]);
    const perPoll = loop.map((name): number => (states[name]?.Type === 'Task' ? 5 : 2));
    expect(perPoll.reduce((a, b) => a + b)).toBe(11);
    expect(loop.reduce((sum, name) => sum + historyEventsOf(states[name] as AslState), 0)).toBe(23);
  });

  it('counts the load loop the ASL really has: 7 events a chunk, 40 with LoadRows’ retries', async () => {
    // Prepare
    const states = (await readStateMachine()).States as unknown as Record<string, AslState>;

    // Act: follow the loop from LoadRows back to itself
    const loop = ['LoadRows'];
    for (let next = states.LoadRows?.Next; next && next !== 'LoadRows'; ) {
      loop.push(next);
      const state: AslState | undefined = states[next];
      next = state?.Next ?? state?.Default;
    }

    // Assess
    expect(loop).toEqual(LOAD_LOOP_STATES);
    expect(loop.map((name): number => (states[name]?.Type === 'Task' ? 5 : 2))).toEqual([5, 2]);
    expect(loop.reduce((sum, name) => sum + historyEventsOf(states[name] as AslState), 0)).toBe(40);
  });

  it('allows no more polls and chunks together than the ASL’s longest execution fits in 25,000 events', async () => {
    // Prepare
    const { States } = await readStateMachine();
    const states = States as unknown as Record<string, StateEventShape>;

    // Act
    const polls = maxPollsWithinQuota(states, MAX_LOAD_CHUNKS);
    const chunks = maxLoadChunksWithinQuota(states, MAX_CRAWL_POLLS);

    // Assess: each bound fits beside the other, and most of the history is theirs
    expect(MAX_CRAWL_POLLS).toBeLessThanOrEqual(polls);
    expect(MAX_LOAD_CHUNKS).toBeLessThanOrEqual(chunks);
    const used = 2 * MAX_CRAWL_POLLS * 23 + MAX_LOAD_CHUNKS * 40;
    expect(used).toBeLessThan(HISTORY_EVENT_QUOTA);
    expect(used).toBeGreaterThan(HISTORY_EVENT_QUOTA * 0.9);
  });

  it.each([
    ['a small file: the configured size', 268_435_456, 10_000, 268_435_456],
    ['a file of exactly MAX_LOAD_CHUNKS - 1 chunks', 100, 100 * (MAX_LOAD_CHUNKS - 1), 100],
    ['a larger file: larger chunks', 100, 100 * (MAX_LOAD_CHUNKS - 1) + 1, 101],
    ['a 1 TB file at 50 bytes', 50, 1e12, Math.ceil(1e12 / (MAX_LOAD_CHUNKS - 1))],
  ])('sizes the chunks so the file fits the loop: %s', (_case, configured, size, expected) => {
    // Act
    const chunk = effectiveChunkBytes(configured, size);

    // Assess: chunks at least this large (each ends at a record end past it) are few enough
    expect(chunk).toBe(expected);
    expect(Math.ceil(size / chunk)).toBeLessThan(MAX_LOAD_CHUNKS);
  });

  it('refuses a config asking for more, and says why', () => {
    // Act
    const atBound = configSchema.safeParse({ crawl: { maxPolls: MAX_CRAWL_POLLS } });
    const over = configSchema.safeParse({ crawl: { maxPolls: MAX_CRAWL_POLLS + 1 } });

    // Assess
    expect(atBound.success).toBe(true);
    expect(over.success).toBe(false);
    expect(over.error?.issues[0]?.message).toMatch(
      /^at most 250: each poll adds 11 events .* the rest of the history is the load's, .* 25,000 events/,
    );
  });

  it.each([
    [MAX_CRAWL_POLLS, MAX_LOAD_CHUNKS, 'SUCCEEDED', undefined],
    [1_200, 1, 'FAILED', 'States.Runtime'],
    [1, MAX_LOAD_CHUNKS + 1, 'FAILED', 'LoadTooLong'],
  ])(
    'runs the real ASL through two crawls of %i polls each and %i chunks: %s',
    async (maxPolls, loadChunks, status, error) => {
      // Prepare: each crawl is READY at its last poll; the first started before the check
      const definition = await readStateMachine();
      const crawl = { polls: 0, crawls: 0 };
      const lambda =
        (answer: JsonValue): TaskHandler =>
        async () => ({ Payload: answer });
      const taskHandlers: Record<string, TaskHandler> = {
        CheckSnapshot: lambda({
          superseded: false,
          reason: 'newest',
          newestSnapshot: null,
          coverCrawlsFrom: '2026-11-29T22:00:00.000Z',
          pollIntervalSeconds: 1,
          maxPolls,
          load: 'replace',
          maxChunks: MAX_LOAD_CHUNKS,
        }),
        EnsureCrawler: lambda({
          name: 'crawler_t',
          database: 'csv_catalog',
          classifier: 'csv',
          action: 'unchanged',
          changed: [],
          databaseCreated: false,
        }),
        DecideCrawl: lambda({ crawl: true, reason: 'not in the catalog yet' }),
        DescribeCrawlFailure: lambda({ cause: 'not reached', files: 1, headers: 1, unreadable: 0 }),
        CoerceSchema: lambda({
          status: 'coerced',
          superseded: false,
          reason: 'newest',
          database: 'csv_catalog',
          table: 't',
          columns: 2,
          changes: {},
          warnings: { count: 0, first: [] },
        }),
        SyncRdsDdl: lambda({
          database: 'd',
          table: 't',
          created: true,
          statements: 1,
          added: { count: 0, first: [] },
          widened: { count: 0, first: [] },
          commented: { count: 0, first: [] },
          kept: { count: 0, first: [] },
          overflow: null,
        }),
        // Every chunk but the last leaves the load undone: the whole loop.
        LoadRows: async (input) => {
          const chunks = Number((input as { Payload: { chunks: number } }).Payload.chunks) + 1;
          return {
            Payload: {
              done: chunks >= loadChunks,
              offset: chunks * 100,
              chunks,
              eTag: '"e"',
              rows: chunks,
              mode: 'replace',
              alreadyLoaded: false,
              resumed: false,
              skipped: null,
              widened: { count: 0, first: [] },
            },
          };
        },
        StartCrawler: async () => {
          crawl.crawls += 1;
          crawl.polls = 0;
          return {};
        },
        GetCrawler: async () => {
          crawl.polls += 1;
          const ready = crawl.polls >= maxPolls;
          const startTime = crawl.crawls === 1 ? '2026-11-29T21:00:00Z' : '2026-11-29T22:01:00Z';
          return {
            Crawler: {
              State: ready ? 'READY' : 'RUNNING',
              LastCrawl: { Status: 'SUCCEEDED', StartTime: startTime },
            },
          };
        },
      };
      const runner = await LocalWorkflowRunner.create({ definition, taskHandlers, waitMs: 0 });

      // Act
      await runner.start('longest', {
        bucket: 'b',
        key: 't/t_20261129.csv',
        sourceKey: 't_20261129.csv',
        table: 't',
        snapshot: '20261129',
        encoding: 'utf-8',
        delimiter: ',',
        quote: '"',
        columns: 2,
        quoted: false,
        multiline: false,
        size: 10,
        filedAt: '2026-11-29T22:00:00.000Z',
        superseded: false,
      } satisfies WorkflowInput);
      const result = await runner.wait('longest');

      // Assess
      expect(result).toMatchObject({ status, error });
      expect(result.states.find((s) => s.name === 'CrawlAgain')?.entered).toBe(1);
      if (status === 'SUCCEEDED') {
        expect(result.states.find((s) => s.name === 'LoadRows')?.entered).toBe(loadChunks);
      }
      if (error === 'LoadTooLong') {
        expect(result.cause).toBe(
          `t/t_20261129.csv was not loaded into MySQL after ${MAX_LOAD_CHUNKS} chunks (${MAX_LOAD_CHUNKS * 100} of its bytes): an execution cannot take more within its 25,000 history events. Raise rds.chunkBytes, then run \`csv-catalog sync --table t\` (a redrive would fail again at this state)`,
        );
      }
    },
    60_000,
  );
});
