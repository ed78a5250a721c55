import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockStackDir } from '../../local/stack/stack-dir-lock.js';
import { FolderExecutionStore } from '../../local/workflow/folder-execution-store.js';
import { LocalExecutionHistory } from '../../local/workflow/local-execution-history.js';
import { LocalWorkflowRunner } from '../../local/workflow/local-workflow-runner.js';
import type { StateMachineDefinition } from '../../local/workflow/state-machine-file.js';
import type { WorkflowInput } from '../../shared/workflow/workflow-input.js';

async function historyWithRunningExecution(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'csv-catalog-history-'));
  await mkdir(join(dir, 'executions'));
  const record = {
    name: 'psy_ord-20250101-0123456789',
    executionArn:
      'arn:aws:states:local:000000000000:execution:csv-catalog:psy_ord-20250101-0123456789',
    stateMachine: 'csv-catalog',
    status: 'RUNNING',
    input: { table: 'psy_ord' },
    startDate: '2026-11-26T01:00:00.000Z',
    events: [
      {
        type: 'StateEntered',
        timestamp: 1,
        stateName: 'StartCrawler',
        stateType: 'Task',
        input: {},
      },
    ],
  };
  await writeFile(join(dir, 'executions', `${record.name}.json`), JSON.stringify(record));
  return dir;
}

/** The local runner, recording into `<dir>/executions`, ends an execution at a quota. */
async function historyWithQuotaFailure(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'csv-catalog-history-'));
  const runner = await LocalWorkflowRunner.create({
    definition: {
      StartAt: 'CoerceSchema',
      States: {
        CoerceSchema: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
          End: true,
        },
        Caught: { Type: 'Succeed' },
      },
    } as unknown as StateMachineDefinition,
    // 300,000 bytes of UTF-8: past the 262,144 a task may answer.
    taskHandlers: { CoerceSchema: async () => ({ Payload: '학'.repeat(100_000) }) },
    store: new FolderExecutionStore(join(dir, 'executions')),
  });
  await runner.start('학생-20250101-0123456789', { table: '학생' } as unknown as WorkflowInput);
  await runner.wait('학생-20250101-0123456789');
  return dir;
}

describe('LocalExecutionHistory', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('shows an execution left RUNNING by a stopped stack as ABORTED, at the state it was in', async () => {
    // Prepare
    dir = await historyWithRunningExecution();

    // Act
    const [execution] = await new LocalExecutionHistory(dir).listExecutions({ limit: 10 });

    // Assess
    expect(execution).toMatchObject({
      status: 'ABORTED',
      table: 'psy_ord',
      failure: { state: 'StartCrawler' },
    });
    // The cause names the recovery, ready to paste (local/workflow/interrupted-execution.ts)
    expect(execution?.failure?.cause).toMatch(
      /^the local stack stopped while this execution ran\./,
    );
    expect(execution?.failure?.cause).toContain(
      `\`npx csv-catalog replay ${execution?.name} --dir ${dir}\``,
    );
    expect(execution?.failure?.cause).toContain(`\`npx csv-catalog sync --all --dir ${dir}\``);
  });

  it('shows it RUNNING while a stack runs on the folder', async () => {
    // Prepare
    dir = await historyWithRunningExecution();
    const release = lockStackDir(dir);

    // Act
    const [execution] = await new LocalExecutionHistory(dir).listExecutions({ limit: 10 });
    release();

    // Assess
    expect(execution?.status).toBe('RUNNING');
  });

  it('shows an execution a quota ended as failed at the state that passed it, uncaught', async () => {
    // Prepare
    dir = await historyWithQuotaFailure();

    // Act
    const [execution] = await new LocalExecutionHistory(dir).listExecutions({ limit: 10 });

    // Assess
    expect(execution).toMatchObject({
      status: 'FAILED',
      table: '학생',
      failure: {
        state: 'CoerceSchema',
        error: 'States.DataLimitExceeded',
        cause: expect.stringContaining("The state/task 'CoerceSchema' returned a result"),
      },
    });
  });
});
