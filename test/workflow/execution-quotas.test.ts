import { describe, expect, it } from 'vitest';
import {
  HistoryEventCount,
  MAX_HISTORY_EVENTS,
  MAX_PAYLOAD_BYTES,
} from '../../local/workflow/execution-quotas.js';
import type { JsonValue } from '../../local/workflow/json-value.js';
import type { TaskHandler } from '../../local/workflow/lambda-stand-in.js';
import { LocalWorkflowRunner } from '../../local/workflow/local-workflow-runner.js';
import type { StateMachineDefinition } from '../../local/workflow/state-machine-file.js';
import type { WorkflowInput } from '../../shared/workflow/workflow-input.js';

const LAMBDA = 'arn:aws:states:::lambda:invoke';
/** 200,000 bytes of UTF-8: under the quota alone, over it twice. */
const HALF_OVER = '가'.repeat(66_667);
/** A catcher and a retrier for every error: neither may take States.DataLimitExceeded. */
const CATCH_ALL = {
  Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2, IntervalSeconds: 1 }],
  Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Caught' }],
};

/** Runs a definition on the local runner; `calls` counts each Task's handler calls. */
async function run(
  definition: Record<string, unknown>,
  tasks: Record<string, (input: JsonValue) => JsonValue>,
  input: Record<string, unknown> = {},
) {
  const calls: Record<string, number> = {};
  const taskHandlers: Record<string, TaskHandler> = Object.fromEntries(
    Object.entries(tasks).map(([name, answer]) => [
      name,
      async (taskInput: JsonValue) => {
        calls[name] = (calls[name] ?? 0) + 1;
        return answer(taskInput);
      },
    ]),
  );
  const runner = await LocalWorkflowRunner.create({
    definition: definition as unknown as StateMachineDefinition,
    taskHandlers,
    retryIntervalMs: 1,
  });
  await runner.start('quota-test', input as unknown as WorkflowInput);
  const result = await runner.wait('quota-test');
  return { result, calls, history: runner.history('quota-test') };
}

describe('the local runner enforces 256 KB per state as Step Functions does', () => {
  it('fails with States.DataLimitExceeded when a task answers more, past Retry and Catch on States.ALL', async () => {
    // Prepare
    const definition = {
      StartAt: 'Big',
      States: {
        Big: { Type: 'Task', Resource: LAMBDA, ...CATCH_ALL, Next: 'After' },
        After: { Type: 'Task', Resource: LAMBDA, End: true },
        Caught: { Type: 'Succeed' },
      },
    };

    // Act
    const { result, calls } = await run(definition, {
      Big: () => ({ Payload: `${HALF_OVER}${HALF_OVER}` }),
      After: () => ({}),
    });

    // Assess
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    expect(result.cause).toMatch(
      /^The state\/task 'Big' returned a result with a size exceeding the maximum number of bytes service limit\. \(400,0\d\d bytes/,
    );
    expect(calls).toEqual({ Big: 1 });
    expect(result.states.map((s) => [s.name, s.status])).toEqual([['Big', 'FAILED']]);
  });

  it('fails a Pass state whose output passes the quota, and runs no task after it', async () => {
    // Prepare: each half fits, the Pass state doubles it
    const definition = {
      StartAt: 'Half',
      States: {
        Half: { Type: 'Task', Resource: LAMBDA, ResultPath: '$.half', Next: 'Double' },
        Double: {
          Type: 'Pass',
          Parameters: { 'a.$': '$.half', 'b.$': '$.half' },
          ResultPath: '$.both',
          Next: 'After',
        },
        After: { Type: 'Task', Resource: LAMBDA, ...CATCH_ALL, End: true },
        Caught: { Type: 'Succeed' },
      },
    };

    // Act
    const { result, calls, history } = await run(definition, {
      Half: () => HALF_OVER,
      After: () => ({}),
    });

    // Assess
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    expect(result.cause).toContain("The state/task 'Double' returned a result");
    expect(calls).toEqual({ Half: 1 });
    expect(history.at(-1)).toMatchObject({ type: 'ExecutionFailed' });
    expect(history.some((e) => e.stateName === 'After')).toBe(false);
  });

  it('fails a task whose input after Parameters passes the quota, before it runs', async () => {
    // Prepare
    const definition = {
      StartAt: 'Wide',
      States: {
        Wide: {
          Type: 'Task',
          Resource: LAMBDA,
          Parameters: { 'a.$': '$.half', 'b.$': '$.half' },
          ...CATCH_ALL,
          End: true,
        },
        Caught: { Type: 'Succeed' },
      },
    };

    // Act
    const { result, calls } = await run(definition, { Wide: () => ({}) }, { half: HALF_OVER });

    // Assess
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    expect(result.cause).toContain("The state/task 'Wide' has an input with a size exceeding");
    expect(calls).toEqual({});
  });

  it('refuses an execution input over 256 KB at start, as StartExecution does', async () => {
    // Prepare
    const runner = await LocalWorkflowRunner.create({
      definition: { StartAt: 'Done', States: { Done: { Type: 'Succeed' } } },
      taskHandlers: {},
    });
    const input = { header: '가'.repeat(MAX_PAYLOAD_BYTES / 3) } as unknown as WorkflowInput;

    // Act
    const started = runner.start('too-big', input);

    // Assess
    await expect(started).rejects.toMatchObject({
      name: 'ExecutionInputTooLarge',
      message: expect.stringContaining('StartExecution takes at most 262,144'),
    });
    expect(runner.list()).toEqual([]);
  });

  it('keeps a state of exactly 262,144 bytes', async () => {
    // Prepare: {"s":"…"} is 8 bytes around the string
    const definition = { StartAt: 'Done', States: { Done: { Type: 'Pass', End: true } } };

    // Act
    const { result } = await run(definition, {}, { s: 'x'.repeat(MAX_PAYLOAD_BYTES - 8) });

    // Assess
    expect(result.status).toBe('SUCCEEDED');
  });
});

describe('the local runner enforces 25,000 history events as Step Functions does', () => {
  /** A Pass and a Choice per iteration: 4 events each, plus 4 (started, Done's 2, ended). */
  const loop = (iterations: number) => ({
    StartAt: 'Count',
    States: {
      Count: {
        Type: 'Pass',
        Parameters: { 'n.$': 'States.MathAdd($.n, 1)' },
        Next: 'Loop',
      },
      Loop: {
        Type: 'Choice',
        Choices: [{ Variable: '$.n', NumericLessThan: iterations, Next: 'Count' }],
        Default: 'Done',
      },
      Done: { Type: 'Succeed' },
    },
  });

  it('succeeds when the 25,000th event is ExecutionSucceeded', async () => {
    // Act: 1 + 4 × 6,249 + 2 + 1 = 25,000
    const { result } = await run(loop(6_249), {}, { n: 0 });

    // Assess
    expect(result.status).toBe('SUCCEEDED');
  });

  it('fails with States.Runtime at the 25,000th event otherwise', async () => {
    // Act: one iteration more
    const { result, history } = await run(loop(6_250), {}, { n: 0 });

    // Assess
    expect(result).toMatchObject({
      status: 'FAILED',
      error: 'States.Runtime',
      cause: 'The execution reached the maximum number of history events (25000).',
    });
    const count = new HistoryEventCount();
    for (const event of history.slice(0, -1)) count.admit(event);
    expect(count.events).toBe(MAX_HISTORY_EVENTS - 1);
  });

  it('counts a Task as AWS logs it: five events, three more per retry', async () => {
    // Prepare: fails once, retried, then succeeds
    let attempts = 0;
    const definition = {
      StartAt: 'Flaky',
      States: {
        Flaky: {
          Type: 'Task',
          Resource: LAMBDA,
          Retry: [{ ErrorEquals: ['Boom'], MaxAttempts: 1 }],
          End: true,
        },
      },
    };

    // Act
    const { result, history } = await run(definition, {
      Flaky: () => {
        if (++attempts === 1) throw Object.assign(new Error('boom'), { name: 'Boom' });
        return {};
      },
    });

    // Assess: ExecutionStarted, TaskStateEntered, TaskScheduled, TaskStarted, TaskFailed,
    // TaskScheduled, TaskStarted, TaskSucceeded, TaskStateExited, ExecutionSucceeded
    expect(result.status).toBe('SUCCEEDED');
    const count = new HistoryEventCount();
    for (const event of history) count.admit(event);
    expect(count.events).toBe(10);
  });
});
