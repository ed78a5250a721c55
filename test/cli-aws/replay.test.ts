import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeExecutionCommand,
  ExecutionDoesNotExist,
  ExecutionLimitExceeded,
  ExecutionNotRedrivable,
  RedriveExecutionCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ExitCode } from '../../cli/exit-code.js';
import { runCliInProcess as runAwsCli } from '../support/run-cli.js';
import { executionArn, REGION, STATE_MACHINE_ARN } from './sfn-fixtures.js';

const sfn = mockClient(SFNClient);
const EXECUTION = executionArn('psy_ord_class-202508291511-5f6a7b8c9d');
const notRedrivable = () =>
  new ExecutionNotRedrivable({ message: 'Execution is not redrivable', $metadata: {} });

beforeEach(() => {
  sfn.reset();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-26T06:00:00Z'));
});

afterEach(() => {
  vi.useRealTimers();
});

describe('csv-catalog replay (AWS)', () => {
  it('redrives the execution in its own region and says where to watch it', async () => {
    sfn.on(RedriveExecutionCommand).resolves({ redriveDate: new Date('2026-11-26T06:00:01Z') });

    const result = await runAwsCli(['replay', EXECUTION]);

    expect(result.exitCode).toBe(ExitCode.Ok);
    expect(result.stdout).toBe(
      `redriven ${EXECUTION} at 2026-11-26T06:00:01.000Z\nwatch it: https://${REGION}.console.aws.amazon.com/states/home?region=${REGION}#/v2/executions/details/${EXECUTION}\n`,
    );
    expect(sfn).toReceiveCommandWith(RedriveExecutionCommand, { executionArn: EXECUTION });
    expect(await sfn.call(0).thisValue.config.region()).toBe(REGION);
  });

  it('explains that only unsuccessful executions can be redriven', async () => {
    sfn.on(RedriveExecutionCommand).rejects(notRedrivable());
    sfn.on(DescribeExecutionCommand).resolves({
      executionArn: EXECUTION,
      stateMachineArn: STATE_MACHINE_ARN,
      status: 'SUCCEEDED',
      startDate: new Date('2026-11-26T05:00:00Z'),
      redriveStatus: 'NOT_REDRIVABLE',
      redriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven',
    });

    const result = await runAwsCli(['replay', EXECUTION]);

    expect(result.exitCode).toBe(ExitCode.Failed);
    expect(result.stderr).toBe(
      `csv-catalog replay: ${EXECUTION} cannot be redriven: it is SUCCEEDED; only failed, timed-out or aborted executions can be redriven (Execution is SUCCEEDED and cannot be redriven)\n`,
    );
  });

  it('explains the 14-day limit and what to do instead', async () => {
    sfn.on(RedriveExecutionCommand).rejects(notRedrivable());
    sfn.on(DescribeExecutionCommand).resolves({
      executionArn: EXECUTION,
      stateMachineArn: STATE_MACHINE_ARN,
      status: 'FAILED',
      startDate: new Date('2026-11-01T05:00:00Z'),
      stopDate: new Date('2026-11-01T05:01:00Z'),
      redriveStatusReason: 'Execution redrivable period exceeded',
    });

    const result = await runAwsCli(['replay', EXECUTION]);

    expect(result.exitCode).toBe(ExitCode.Failed);
    expect(result.stderr).toContain(
      'it stopped on 2026-11-01T05:01:00.000Z, more than 14 days ago',
    );
    expect(result.stderr).toContain('Execution redrivable period exceeded');
    expect(result.stderr).toContain('csv-catalog sync --table');
  });

  it("keeps AWS's reason when the execution cannot be described", async () => {
    sfn.on(RedriveExecutionCommand).rejects(notRedrivable());
    sfn.on(DescribeExecutionCommand).rejects(new Error('AccessDenied'));

    const result = await runAwsCli(['replay', EXECUTION]);

    expect(result.exitCode).toBe(ExitCode.Failed);
    expect(result.stderr).toBe(
      `csv-catalog replay: ${EXECUTION} cannot be redriven: Execution is not redrivable\n`,
    );
  });

  it('refuses an Express execution without asking AWS', async () => {
    const express = `arn:aws:states:${REGION}:123456789012:express:csv-catalog-prod:run-1:0d1e2f`;

    const result = await runAwsCli(['replay', express]);

    expect(result.exitCode).toBe(ExitCode.Failed);
    expect(result.stderr).toContain(
      'is an Express execution: only Standard executions can be redriven',
    );
    expect(sfn).toReceiveCommandTimes(RedriveExecutionCommand, 0);
  });

  it.each([
    [
      new ExecutionDoesNotExist({ message: 'Execution Does Not Exist', $metadata: {} }),
      'does not exist (check the region: --region)',
    ],
    [
      new ExecutionLimitExceeded({ message: 'limit', $metadata: {} }),
      'too many executions are running',
    ],
  ])('reports %s as a refusal', async (error, message) => {
    sfn.on(RedriveExecutionCommand).rejects(error);

    const result = await runAwsCli(['replay', EXECUTION, '--region', 'us-west-2']);

    expect(result.exitCode).toBe(ExitCode.Failed);
    expect(result.stderr).toContain(message);
    expect(await sfn.call(0).thisValue.config.region()).toBe('us-west-2');
  });

  it('lets other errors through as errors', async () => {
    sfn
      .on(RedriveExecutionCommand)
      .rejects(new Error('Could not load credentials from any providers'));

    const result = await runAwsCli(['replay', EXECUTION]);

    expect(result.exitCode).toBe(ExitCode.Error);
    expect(result.stderr).toBe('csv-catalog: Could not load credentials from any providers\n');
  });

  it('takes a name that is not an AWS execution ARN as a local execution', async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), 'csv-catalog-replay-'));

    // Act
    const result = await runAwsCli(['replay', 'psy_ord_class-202508291511', '--dir', dir]);

    // Assess
    expect(result.exitCode).toBe(ExitCode.Failed);
    expect(result.stderr).toContain('no execution named psy_ord_class-202508291511');
    expect(sfn).toReceiveCommandTimes(RedriveExecutionCommand, 0);
    await rm(dir, { recursive: true, force: true });
  });
});
