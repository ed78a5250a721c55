import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestS3, type TestS3 } from '../support/local-s3.js';
import {
  DeferredStarter,
  startWorkflowStack,
  stateOf,
  teacherCsv,
  type WorkflowTestStack,
} from './workflow-test-stack.js';

const OLDER = 'SCHOOL_TEACHER_202508291512.csv';
const NEWER = 'SCHOOL_TEACHER_202508301200.csv';

describe('the workflow for a snapshot that is no longer in place', () => {
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

  it('ends early, succeeded, for a file filed after a newer snapshot', async () => {
    // Prepare
    stack = await startWorkflowStack(s3);
    await stack.drop(NEWER, teacherCsv());

    // Act
    const { outcome, execution } = await stack.drop(OLDER, teacherCsv(2, ['dropped_later']));

    // Assess
    expect(outcome).toMatchObject({ superseded: true, key: `_archive/school_teacher/${OLDER}` });
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.output).toEqual({
      superseded: true,
      reason: expect.stringContaining('_archive/'),
      newestSnapshot: '202508301200',
    });
    expect(stateOf(execution, 'Superseded')?.status).toBe('SUCCEEDED');
    expect(stateOf(execution, 'EnsureCrawler')).toBeUndefined();
    expect((await stack.catalogColumns('school_teacher')).map(([name]) => name)).not.toContain(
      'dropped_later',
    );
  });

  it('ends early when a newer snapshot was filed after this one but before its execution ran', async () => {
    // Prepare: the older file's execution is held back while the newer one is filed
    stack = await startWorkflowStack(s3);
    const held = new DeferredStarter();
    await stack.fileOnly(OLDER, teacherCsv(), held);
    await stack.drop(NEWER, teacherCsv());
    const [older] = held.started;

    // Act
    await stack.runner.start(older!.name, older!.input);
    const execution = await stack.runner.wait(older!.name);

    // Assess
    expect(older!.input.superseded).toBe(false);
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.output).toEqual({
      superseded: true,
      reason: 'snapshot 202508291512 was superseded by 202508301200, now in school_teacher/',
      newestSnapshot: '202508301200',
    });
  });

  it('catalogs exactly one of three tied snapshots dropped at once; the others end superseded', async () => {
    // Prepare: the three spellings read the same snapshot; all are filed before any execution runs
    stack = await startWorkflowStack(s3);
    const held = new DeferredStarter();
    const tied = ['T_2025-09-01.csv', 'T_20250901.csv', 'T_202509010000.csv'];
    await Promise.all(tied.map((name) => stack!.fileOnly(name, teacherCsv(), held)));

    // Act
    for (const { name, input } of held.started) await stack.runner.start(name, input);
    const executions = await Promise.all(held.started.map(({ name }) => stack!.runner.wait(name)));

    // Assess
    expect(executions.map((e) => e.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    const catalogued = executions.filter((e) => !stateOf(e, 'Superseded'));
    expect(catalogued).toHaveLength(1);
    expect(catalogued[0]?.output).toMatchObject({ outcome: 'catalogued', table: 't' });
    const { key: inPlace } = (catalogued[0]?.output ?? { key: '' }) as { key: string };
    const others = executions.filter((e) => e !== catalogued[0]).map((e) => e.output);
    for (const output of others) {
      expect(output).toMatchObject({
        superseded: true,
        reason: expect.stringMatching(
          new RegExp(`(filed into _archive/|ties with ${inPlace.slice(2).replace(/\./g, '\\.')})`),
        ),
      });
    }
  });

  it('starts nothing new when an execution of the same name is started again', async () => {
    // Prepare
    stack = await startWorkflowStack(s3);
    const { outcome } = await stack.drop(NEWER, teacherCsv());
    const name = outcome.status === 'filed' ? (outcome.execution?.name ?? '') : '';

    // Act
    const again = await stack.runner.start(name, stack.runner.list()[0]!.input);

    // Assess
    expect(again).toMatchObject({ name, alreadyStarted: true });
    expect(stack.runner.list()).toHaveLength(1);
  });
});
