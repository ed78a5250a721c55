import type { Crawler } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { isoTimestamp, sdkIntegrationJson } from '../../local/workflow/glue-task-stand-in.js';
import { LocalWorkflowRunner } from '../../local/workflow/local-workflow-runner.js';
import {
  readStateMachine,
  type StateMachineDefinition,
} from '../../local/workflow/state-machine-file.js';
import type { WorkflowInput } from '../../shared/workflow/workflow-input.js';

/** Runs the ASL's DoesCrawlCoverFile alone and says which state it chose. */
async function chosen(state: { poll: unknown; check: unknown; crawl: unknown }): Promise<string> {
  const { States } = await readStateMachine();
  const runner = await LocalWorkflowRunner.create({
    definition: {
      StartAt: 'DoesCrawlCoverFile',
      States: {
        DoesCrawlCoverFile: structuredClone(States.DoesCrawlCoverFile),
        CrawlAgain: { Type: 'Succeed' },
        DidCrawlSucceed: { Type: 'Succeed' },
      },
    } as StateMachineDefinition,
    taskHandlers: {},
  });
  await runner.start('cover', state as unknown as WorkflowInput);
  const result = await runner.wait('cover');
  expect(result.status).toBe('SUCCEEDED');
  return result.states.at(-1)?.name ?? '';
}

const crawlStarted = (startTime: unknown) => ({ Crawler: { LastCrawl: { StartTime: startTime } } });

describe('DoesCrawlCoverFile', () => {
  it.each([
    ['2026-11-29T22:00:00Z', '2026-11-29T21:59:59.500Z', 'DidCrawlSucceed'],
    ['2026-11-29T22:00:00Z', '2026-11-29T22:00:00.000Z', 'DidCrawlSucceed'],
    ['2026-11-29T22:00:00Z', '2026-11-29T22:00:00.001Z', 'CrawlAgain'],
    ['2026-11-29T22:00:00.250Z', '2026-11-29T22:00:00.100Z', 'DidCrawlSucceed'],
    ['29/11/2026 22:00', '2026-11-29T21:00:00.000Z', 'CrawlAgain'],
    [1_795_000_000, '2026-11-29T21:00:00.000Z', 'CrawlAgain'],
    ['2026-11-29T22:00:00Z', 'not a timestamp', 'CrawlAgain'],
  ])(
    'compares a crawl started %j with a check at %j: %s',
    async (startTime, coverCrawlsFrom, next) => {
      // Act
      const state = await chosen({
        poll: crawlStarted(startTime),
        check: { coverCrawlsFrom },
        crawl: { recrawls: 0 },
      });

      // Assess
      expect(state).toBe(next);
    },
  );

  it('goes on after one recrawl, whatever the timestamps say', async () => {
    // Act
    const state = await chosen({
      poll: crawlStarted('2026-11-29T20:00:00Z'),
      check: { coverCrawlsFrom: '2026-11-29T22:00:00.000Z' },
      crawl: { recrawls: 1 },
    });

    // Assess
    expect(state).toBe('DidCrawlSucceed');
  });
});

describe('the Glue SDK stand-in', () => {
  it('hands timestamps over as Step Functions may: ISO-8601, .000 dropped', () => {
    // Prepare
    const crawler: Crawler = {
      Name: '학생',
      LastCrawl: {
        StartTime: new Date('2026-11-29T22:00:00.000Z'),
        Status: 'SUCCEEDED',
      },
      CreationTime: new Date('2026-11-29T21:00:00.250Z'),
    };

    // Act
    const json = sdkIntegrationJson(crawler);

    // Assess
    expect(json).toEqual({
      Name: '학생',
      LastCrawl: { StartTime: '2026-11-29T22:00:00Z', Status: 'SUCCEEDED' },
      CreationTime: '2026-11-29T21:00:00.250Z',
    });
    expect(isoTimestamp(new Date(0))).toBe('1970-01-01T00:00:00Z');
  });
});
