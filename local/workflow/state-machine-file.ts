import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';

/** The workflow's ASL, the very file deployed to Step Functions. */
export const CSV_CATALOG_ASL = fileURLToPath(
  new URL('../../statemachines/csv-catalog.asl.json', import.meta.url),
);

export type { StateMachineDefinition };

export async function readStateMachine(path = CSV_CATALOG_ASL): Promise<StateMachineDefinition> {
  return JSON.parse(await readFile(path, 'utf8')) as StateMachineDefinition;
}

/** A Task state of the definition and the service it calls. */
export interface TaskStateInfo {
  stateName: string;
  resource: string;
  /** `${CheckSnapshotFunctionArn}` for lambda:invoke tasks. */
  functionName?: string;
  /** `glue:getCrawler` → { service: 'glue', action: 'getCrawler' } for AWS SDK integrations. */
  sdk?: { service: string; action: string };
}

/** Every Task state at the top level (the workflow has no Parallel or Map states). */
export function taskStates(definition: StateMachineDefinition): TaskStateInfo[] {
  return Object.entries(definition.States).flatMap(([stateName, state]) => {
    if (state.Type !== 'Task' || !('Resource' in state)) return [];
    const resource = state.Resource;
    const sdk = /^arn:aws:states:::aws-sdk:([a-z0-9]+):([A-Za-z0-9]+)$/.exec(resource);
    const parameters = 'Parameters' in state ? state.Parameters : undefined;
    const functionName =
      parameters && typeof parameters === 'object' && !Array.isArray(parameters)
        ? parameters.FunctionName
        : undefined;
    return [
      {
        stateName,
        resource,
        ...(typeof functionName === 'string' ? { functionName } : {}),
        ...(sdk ? { sdk: { service: sdk[1] ?? '', action: sdk[2] ?? '' } } : {}),
      },
    ];
  });
}
