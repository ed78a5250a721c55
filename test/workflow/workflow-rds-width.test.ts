import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestS3, type TestS3 } from '../support/local-s3.js';
import { startWorkflowStack, stateOf, type WorkflowTestStack } from './workflow-test-stack.js';

/** A dump of `n` Korean-headed string columns: wider than InnoDB keeps in a page past 383. */
function wideCsv(n: number): string {
  const header = Array.from({ length: n }, (_, i) => `문항${i + 1}`);
  const row = header.map((_, i) => `답${i % 5}`);
  return `${header.join(',')}\n${row.join(',')}\n${row.join(',')}\n`;
}

describe('the workflow with a table wider than MySQL takes', () => {
  let s3: TestS3;
  let stack: WorkflowTestStack | undefined;
  beforeAll(async () => {
    s3 = await startTestS3([]);
  });
  afterEach(async () => {
    await stack?.stop();
    stack = undefined;
  });
  afterAll(async () => s3?.stop());

  it('fails at SyncRdsDdl with RdsTableTooWide, not retried, naming the file and the ways out', async () => {
    // Prepare
    stack = await startWorkflowStack(s3);

    // Act
    const { execution } = await stack.drop('AT_BASIC_INQUIRY_VAL_202508291511.csv', wideCsv(384));

    // Assess
    expect(execution).toMatchObject({ status: 'FAILED', error: 'RdsTableTooWide' });
    const cause = JSON.parse(execution.cause ?? '{}') as { errorMessage?: string };
    expect(cause.errorMessage).toMatch(
      /^at_basic_inquiry_val\/AT_BASIC_INQUIRY_VAL_202508291511\.csv: MySQL table at_basic_inquiry_val would have 384 columns, past a limit: InnoDB keeps under 8126 bytes/,
    );
    expect(cause.errorMessage).toContain('rds.tables.at_basic_inquiry_val.overflow: json');
    expect(stateOf(execution, 'SyncRdsDdl')).toMatchObject({ status: 'FAILED', retries: 0 });
    expect(await stack.db.tables()).toEqual([]);
  });

  it('creates the table with the columns past the limit in _overflow when the config says so', async () => {
    // Prepare
    stack = await startWorkflowStack(s3, {
      config: { rds: { tables: { at_basic_inquiry_val: { overflow: 'json' } } } },
    });

    // Act
    const { execution } = await stack.drop('AT_BASIC_INQUIRY_VAL_202508291511.csv', wideCsv(384));

    // Assess
    expect(execution, execution.cause).toMatchObject({ status: 'SUCCEEDED' });
    const columns = (await stack.db.columns('at_basic_inquiry_val')).map((c) => c.name);
    expect(columns).toHaveLength(383);
    expect(columns.slice(-2)).toEqual(['문항382', '_overflow']);
    expect((await stack.db.comments('at_basic_inquiry_val')).at(-1)?.comment).toContain(
      '["문항383","문항384"]',
    );
  });
});
