import { paginateListStateMachines, type SFNClient } from '@aws-sdk/client-sfn';
import { StateMachineNotFound } from './state-machine-not-found.js';

/** serverless.yml names the state machine csv-catalog-<stage>, like the stack. */
export function stateMachineNameOf(stage: string): string {
  return `csv-catalog-${stage}`;
}

/**
 * The ARN of a stage's deployed state machine, found by its name (ListStateMachines) so the
 * CLI needs no CloudFormation access; the stack's StateMachineArn output says the same.
 */
export async function findStateMachineArn(client: SFNClient, stage: string): Promise<string> {
  const name = stateMachineNameOf(stage);
  for await (const page of paginateListStateMachines({ client }, {})) {
    const found = page.stateMachines?.find((m) => m.name === name);
    if (found?.stateMachineArn) return found.stateMachineArn;
  }
  const region = await client.config.region();
  throw new StateMachineNotFound(
    `no state machine ${name} in ${region}: deploy the stage (npx serverless deploy --stage ${stage}), pick its region with --region, or pass --state-machine-arn`,
  );
}
