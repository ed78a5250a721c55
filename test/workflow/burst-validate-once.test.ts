import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../local/workflow/json-value.js';
import { LocalWorkflowRunner } from '../../local/workflow/local-workflow-runner.js';
import { installPromiseWithResolvers } from '../../local/workflow/promise-with-resolvers.js';
import {
  readStateMachine,
  type StateMachineDefinition,
} from '../../local/workflow/state-machine-file.js';
import { validateStateMachine } from '../../local/workflow/state-machine-validation.js';
import { WorkflowSetupInvalid } from '../../shared/errors.js';
import type { WorkflowInput } from '../../shared/workflow/workflow-input.js';

/**
 * Issue [9/10] "Faster": the local runner validates the ASL once per definition, when it is
 * created (as `local up` starts), not for every execution of a burst.
 */
const LAMBDA = 'arn:aws:states:::lambda:invoke';

/** The library, its StateMachine counting how often it is built with validation on. */
async function countingLibrary() {
  installPromiseWithResolvers();
  const library = await import('aws-local-stepfunctions');
  const validations = { count: 0 };
  class CountingStateMachine extends library.StateMachine {
    constructor(...args: ConstructorParameters<typeof library.StateMachine>) {
      super(...args);
      if (!args[1]?.validationOptions?.noValidate) validations.count++;
    }
  }
  return { library: { ...library, StateMachine: CountingStateMachine }, validations };
}

function asDefinition(definition: Record<string, unknown>): StateMachineDefinition {
  return definition as unknown as StateMachineDefinition;
}

describe('validating the state machine once per definition', () => {
  it('validates the workflow ASL once however often it is given, and a changed one again', async () => {
    // Prepare
    const { library, validations } = await countingLibrary();
    const asl = await readStateMachine();
    const changed = { ...asl, Comment: `${asl.Comment ?? ''} (changed)` };

    // Act
    for (let i = 0; i < 5; i++) validateStateMachine(library, structuredClone(asl));
    const afterSame = validations.count;
    validateStateMachine(library, changed);

    // Assess
    expect(afterSame).toBe(1);
    expect(validations.count).toBe(afterSame + 1);
  });

  it('refuses a broken ASL when the runner is created, every time, naming the fault', async () => {
    // Prepare: a transition to a state that does not exist
    const definition = asDefinition({
      StartAt: '학생_확인',
      States: { 학생_확인: { Type: 'Task', Resource: LAMBDA, Next: '없는_상태' } },
    });
    const create = () =>
      LocalWorkflowRunner.create({
        definition,
        taskHandlers: { 학생_확인: async () => ({}) },
      });

    // Act
    const first = await create().catch((error: unknown) => error);
    const second = await create().catch((error: unknown) => error);

    // Assess
    for (const error of [first, second]) {
      expect(error).toBeInstanceOf(WorkflowSetupInvalid);
      expect((error as Error).message).toMatch(/없는_상태/);
    }
  });

  it('gives every execution its own copy of the definition: a Pass Result written to does not leak', async () => {
    // Prepare: the task writes into the object the Pass state put there, as a handler may
    const definition = asDefinition({
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Result: { 횟수: 0 }, ResultPath: '$.state', Next: 'Bump' },
        Bump: { Type: 'Task', Resource: LAMBDA, End: true },
      },
    });
    const bump = async (input: JsonValue) => {
      const state = (input as { state: { 횟수: number } }).state;
      state.횟수 += 1;
      return input;
    };
    const runner = await LocalWorkflowRunner.create({ definition, taskHandlers: { Bump: bump } });

    // Act
    const outputs: JsonValue[] = [];
    for (const name of ['첫째', '둘째', '셋째']) {
      await runner.start(name, {} as WorkflowInput);
      outputs.push((await runner.wait(name)).output ?? null);
    }

    // Assess
    expect(outputs).toEqual([
      { state: { 횟수: 1 } },
      { state: { 횟수: 1 } },
      { state: { 횟수: 1 } },
    ]);
    expect(definition.States.Init).toEqual({
      Type: 'Pass',
      Result: { 횟수: 0 },
      ResultPath: '$.state',
      Next: 'Bump',
    });
  });
});
