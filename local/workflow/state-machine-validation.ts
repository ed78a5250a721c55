import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { WorkflowSetupInvalid } from '../../shared/errors.js';

type Library = typeof import('aws-local-stepfunctions');

/**
 * Set to `1` to validate the ASL on every execution again, as the runner did before issue
 * [9/10]: only bench/burst.ts uses it, to measure what validating once saves.
 */
export const VALIDATE_EVERY_EXECUTION_ENV = 'CSV_CATALOG_VALIDATE_EVERY_EXECUTION';

export function validatesEveryExecution(): boolean {
  return process.env[VALIDATE_EVERY_EXECUTION_ENV] === '1';
}

/** Definitions (as JSON text) that passed validation in this process. */
const validDefinitions = new Set<string>();

/**
 * Validates a definition as aws-local-stepfunctions does when a StateMachine is built
 * (asl-validator, checkArn and checkPaths), once per content in this process: asl-validator
 * compiles its JSON schemas anew on every call, which was 38% of a 200-file burst's CPU when it
 * ran for every execution. An invalid definition throws WorkflowSetupInvalid, every time.
 */
export function validateStateMachine(library: Library, definition: StateMachineDefinition): void {
  const text = JSON.stringify(definition);
  if (validDefinitions.has(text)) return;
  try {
    // The validator adds members (QueryLanguage) to the definition it is given: give it a copy.
    new library.StateMachine(JSON.parse(text) as StateMachineDefinition, {
      validationOptions: { checkArn: true, checkPaths: true },
    });
  } catch (error) {
    // The library's message lists asl-validator's findings, one a line.
    throw new WorkflowSetupInvalid(error instanceof Error ? error.message : String(error));
  }
  validDefinitions.add(text);
}
