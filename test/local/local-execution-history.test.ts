import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockStackDir } from '../../local/stack/stack-dir-lock.js';
import { LocalExecutionHistory } from '../../local/workflow/local-execution-history.js';

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
      failure: { state: 'StartCrawler', cause: 'the local stack stopped while this execution ran' },
    });
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
});
