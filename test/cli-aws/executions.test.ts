import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ExitCode } from '../../cli/exit-code.js';
import { runCliInProcess as runAwsCli } from '../support/run-cli.js';
import { described, events, listItem, REGION, STATE_MACHINE_ARN } from './sfn-fixtures.js';

const sfn = mockClient(SFNClient);

const ok = listItem(
  'school_teacher-202508291512-0a1b2c3d4e',
  'SUCCEEDED',
  '2026-11-26T04:00:00Z',
  '2026-11-26T04:12:35Z',
);
const failed = listItem(
  'psy_ord_class-202508291511-5f6a7b8c9d',
  'FAILED',
  '2026-11-26T03:00:00Z',
  '2026-11-26T03:00:42Z',
);
const timedOut = listItem(
  'member-202508291400-1122334455',
  'TIMED_OUT',
  '2026-11-25T01:00:00Z',
  '2026-11-25T02:02:00Z',
);

beforeEach(() => {
  sfn.reset();
  sfn
    .on(DescribeExecutionCommand, { executionArn: ok.executionArn })
    .resolves(described(ok, 'school_teacher'))
    .on(DescribeExecutionCommand, { executionArn: failed.executionArn })
    .resolves(described(failed, 'psy_ord_class'))
    .on(DescribeExecutionCommand, { executionArn: timedOut.executionArn })
    .resolves({ ...described(timedOut, 'member'), error: 'States.Timeout' });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('csv-catalog executions (AWS)', () => {
  it('finds the stage by name and lists every page, failed executions with state and cause', async () => {
    // Prepare
    sfn
      .on(ListStateMachinesCommand)
      .resolvesOnce({
        stateMachines: [
          {
            name: 'other',
            stateMachineArn: 'arn:other',
            type: 'STANDARD',
            creationDate: new Date(),
          },
        ],
        nextToken: 'sm-2',
      })
      .resolvesOnce({
        stateMachines: [
          {
            name: 'csv-catalog-prod',
            stateMachineArn: STATE_MACHINE_ARN,
            type: 'STANDARD',
            creationDate: new Date(),
          },
        ],
      });
    sfn
      .on(ListExecutionsCommand)
      .resolvesOnce({ executions: [ok], nextToken: 'ex-2' })
      .resolvesOnce({ executions: [failed] });
    sfn
      .on(GetExecutionHistoryCommand, { executionArn: failed.executionArn })
      .resolvesOnce({
        events: events(
          {
            type: 'ExecutionFailed',
            executionFailedEventDetails: {
              error: 'RdsUnavailable',
              cause: 'connect ETIMEDOUT\n10.0.0.12:3306',
            },
          },
          {
            type: 'LambdaFunctionFailed',
            lambdaFunctionFailedEventDetails: { error: 'RdsUnavailable' },
          },
        ),
        nextToken: 'h-2',
      })
      .resolvesOnce({
        events: events(
          { type: 'TaskStateEntered', stateEnteredEventDetails: { name: 'SyncRdsDdl' } },
          { type: 'TaskStateExited', stateExitedEventDetails: { name: 'CoerceSchema' } },
        ),
      });

    // Act
    const result = await runAwsCli(['executions', '--stage', 'prod', '--region', REGION]);

    // Assess
    expect(result.exitCode).toBe(ExitCode.Failed);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^NAME\s+TABLE\s+STATUS\s+STARTED\s+DURATION\s+FAILED STATE\s+CAUSE$/);
    expect(lines[2]).toMatch(
      /^school_teacher-202508291512-0a1b2c3d4e\s+school_teacher\s+SUCCEEDED\s+2026-11-26T04:00:00Z\s+12m35s$/,
    );
    expect(lines[3]).toMatch(
      /^psy_ord_class-202508291511-5f6a7b8c9d\s+psy_ord_class\s+FAILED\s+2026-11-26T03:00:00Z\s+42s\s+SyncRdsDdl\s+RdsUnavailable: connect ETIMEDOUT 10\.0\.0\.12:3306$/,
    );
    expect(sfn).toReceiveCommandTimes(ListStateMachinesCommand, 2);
    expect(sfn).toReceiveCommandWith(ListExecutionsCommand, {
      stateMachineArn: STATE_MACHINE_ARN,
      nextToken: 'ex-2',
    });
    expect(sfn).toReceiveCommandWith(GetExecutionHistoryCommand, {
      executionArn: failed.executionArn,
      reverseOrder: true,
      nextToken: 'h-2',
    });
    // Nobody reads the history of an execution that succeeded.
    expect(sfn).not.toReceiveCommandWith(GetExecutionHistoryCommand, {
      executionArn: ok.executionArn,
    });
    expect(await sfn.call(0).thisValue.config.region()).toBe(REGION);
  });

  it('filters by status and stops listing at --limit', async () => {
    sfn.on(ListExecutionsCommand).resolves({ executions: [timedOut], nextToken: 'more' });
    sfn.on(GetExecutionHistoryCommand).resolves({
      events: events(
        { type: 'ExecutionTimedOut', executionTimedOutEventDetails: { error: 'States.Timeout' } },
        { type: 'WaitStateEntered', stateEnteredEventDetails: { name: 'WaitForCrawler' } },
      ),
    });

    const result = await runAwsCli([
      'executions',
      '--state-machine-arn',
      STATE_MACHINE_ARN,
      '--status',
      'TIMED_OUT',
      '--limit',
      '1',
    ]);

    expect(result.exitCode).toBe(ExitCode.Failed);
    expect(result.stdout).toMatch(
      /member\s+TIMED_OUT\s+2026-11-25T01:00:00Z\s+1h02m\s+WaitForCrawler\s+States\.Timeout$/m,
    );
    expect(sfn).toReceiveCommandTimes(ListExecutionsCommand, 1);
    expect(sfn).toReceiveCommandWith(ListExecutionsCommand, {
      stateMachineArn: STATE_MACHINE_ARN,
      statusFilter: 'TIMED_OUT',
      maxResults: 1,
    });
    expect(sfn).toReceiveCommandTimes(ListStateMachinesCommand, 0);
    // The ARN names the region.
    expect(await sfn.call(0).thisValue.config.region()).toBe(REGION);
  });

  it('prints JSON with durations, a running execution counted until now', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-26T05:00:30Z'));
    const running = listItem(
      'school_info-202508291600-9988776655',
      'RUNNING',
      '2026-11-26T05:00:00Z',
    );
    sfn.on(ListExecutionsCommand).resolves({ executions: [running] });
    sfn.on(DescribeExecutionCommand).resolves(described(running, 'school_info'));

    const result = await runAwsCli([
      'executions',
      '--state-machine-arn',
      STATE_MACHINE_ARN,
      '--json',
    ]);

    expect(result.exitCode).toBe(ExitCode.Ok);
    expect(JSON.parse(result.stdout)).toEqual([
      expect.objectContaining({
        id: running.executionArn,
        table: 'school_info',
        status: 'RUNNING',
        startedAt: '2026-11-26T05:00:00.000Z',
        durationMs: 30_000,
      }),
    ]);
    expect(sfn).toReceiveCommandTimes(GetExecutionHistoryCommand, 0);
  });

  it('says so when there are none', async () => {
    sfn.on(ListExecutionsCommand).resolves({ executions: [] });

    const result = await runAwsCli([
      'executions',
      '--state-machine-arn',
      STATE_MACHINE_ARN,
      '--status',
      'FAILED',
    ]);

    expect(result).toMatchObject({
      exitCode: ExitCode.Ok,
      stdout: `no FAILED executions of ${STATE_MACHINE_ARN}\n`,
    });
  });

  it('names the stage, region and remedies when the stage is not deployed', async () => {
    sfn.on(ListStateMachinesCommand).resolves({ stateMachines: [] });

    const result = await runAwsCli(['executions', '--stage', 'qa', '--region', REGION]);

    expect(result.exitCode).toBe(ExitCode.Error);
    expect(result.stderr).toContain(`no state machine csv-catalog-qa in ${REGION}`);
    expect(result.stderr).toContain('--state-machine-arn');
  });

  it('without a stage, lists the local history instead of calling AWS', async () => {
    // Act
    const result = await runAwsCli(['executions', '--dir', '/nonexistent/csv-catalog']);

    // Assess
    expect(result.exitCode).toBe(ExitCode.Ok);
    expect(result.stdout).toContain(
      'no executions of the local history in /nonexistent/csv-catalog/executions',
    );
    expect(sfn).toReceiveCommandTimes(ListExecutionsCommand, 0);
  });

  it('refuses an unknown status', async () => {
    const result = await runAwsCli(['executions', '--stage', 'prod', '--status', 'BROKEN']);

    expect(result.exitCode).toBe(ExitCode.Usage);
    expect(result.stderr).toContain('Allowed choices are RUNNING, SUCCEEDED, FAILED');
  });
});
