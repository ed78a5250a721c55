import { describe, expect, it } from 'vitest';
import { executionEventLine } from '../../../cli/execution-event-printer.js';
import type { ExecutionRecord, HistoryEvent } from '../../../local/workflow/execution-record.js';
import type { WorkflowInput } from '../../../shared/workflow/workflow-input.js';

const START = Date.parse('2026-11-30T01:00:00Z');

/** An execution of 학생명부 whose history ends with `events`. */
function executionOf(events: HistoryEvent[]): ExecutionRecord {
  return {
    name: 't-202509011200-abc',
    executionArn: 'arn:aws:states:local:000000000000:execution:csv-catalog:t-202509011200-abc',
    stateMachine: 'csv-catalog',
    status: 'FAILED',
    // The printer reads only the table and key of the input.
    input: { table: '학생명부', key: '학생명부/학생명부_202509011200.csv' } as WorkflowInput,
    startDate: new Date(START).toISOString(),
    events,
  };
}

const entered = (stateName: string, stateType: string): HistoryEvent => ({
  type: 'StateEntered',
  timestamp: START + 1000,
  stateName,
  stateType,
});

describe('the local up line of a failed execution', () => {
  it('offers the replay command when a Task failed (a redrive resumes there)', () => {
    // Prepare
    const failed: HistoryEvent = {
      type: 'ExecutionFailed',
      timestamp: START + 2000,
      error: 'RdsUnavailable',
      cause: JSON.stringify({
        errorType: 'RdsUnavailable',
        errorMessage: 'MySQL at db:3306 is unavailable',
      }),
    };
    const record = executionOf([entered('SyncRdsDdl', 'Task'), failed]);

    // Act
    const line = executionEventLine(record, failed, '/tmp/stack');

    // Assess
    expect(line).toContain('FAILED in 2.0s — RdsUnavailable: MySQL at db:3306 is unavailable\n');
    expect(line).toMatch(
      /replay it: npx csv-catalog replay t-202509011200-abc --dir \/tmp\/stack$/,
    );
  });

  it('offers no replay when the execution ended at a Fail state: its cause names the sync to run', () => {
    // Prepare
    const failed: HistoryEvent = {
      type: 'ExecutionFailed',
      timestamp: START + 2000,
      error: 'CrawlerFailed',
      cause:
        'crawler_학생명부 failed: fix or move the odd files, then run `npx csv-catalog sync --table 학생명부` (a redrive would fail again at this state)',
    };
    const record = executionOf([
      entered('DescribeCrawlFailure', 'Task'),
      entered('CrawlerFailed', 'Fail'),
      failed,
    ]);

    // Act
    const line = executionEventLine(record, failed, '/tmp/stack');

    // Assess
    expect(line).not.toContain('replay');
    expect(line).toContain('`npx csv-catalog sync --table 학생명부 --dir /tmp/stack`');
  });
});
