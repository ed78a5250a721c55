import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../local/workflow/json-value.js';
import type { TaskHandler } from '../../local/workflow/lambda-stand-in.js';
import { LocalWorkflowRunner } from '../../local/workflow/local-workflow-runner.js';
import { readStateMachine } from '../../local/workflow/state-machine-file.js';
import { configSchema } from '../../shared/config/config-schema.js';
import {
  CRAWL_STATES,
  historyEventsOf,
  MAX_CRAWL_POLLS,
  maxPollsWithinQuota,
  POLL_LOOP_STATES,
  type StateEventShape,
} from '../../shared/workflow/crawl-poll-bound.js';
import type { WorkflowInput } from '../../shared/workflow/workflow-input.js';

type AslState = StateEventShape & { Next?: string; Default?: string };

describe('crawl.maxPolls, bounded by the 25,000-event history quota', () => {
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

  it('allows no more polls than the ASL’s longest execution fits in 25,000 events', async () => {
    // Prepare
    const { States } = await readStateMachine();

    // Act
    const derived = maxPollsWithinQuota(States as unknown as Record<string, StateEventShape>);

    // Assess
    expect(MAX_CRAWL_POLLS).toBeLessThanOrEqual(derived);
  });

  it('refuses a config asking for more, and says why', () => {
    // Act
    const atBound = configSchema.safeParse({ crawl: { maxPolls: MAX_CRAWL_POLLS } });
    const over = configSchema.safeParse({ crawl: { maxPolls: MAX_CRAWL_POLLS + 1 } });

    // Assess
    expect(atBound.success).toBe(true);
    expect(over.success).toBe(false);
    expect(over.error?.issues[0]?.message).toMatch(
      /^at most 500: each poll adds 11 events .* 25,000 events/,
    );
  });

  it.each([
    [MAX_CRAWL_POLLS, 'SUCCEEDED', undefined],
    [1_200, 'FAILED', 'States.Runtime'],
  ])(
    'runs the real ASL through two crawls of %i polls each: %s',
    async (maxPolls, status, error) => {
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
    },
    60_000,
  );
});
