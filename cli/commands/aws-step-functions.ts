import { SFNClient } from '@aws-sdk/client-sfn';
import { findStateMachineArn } from '../../shared/aws/find-state-machine.js';
import { SfnExecutionHistory } from '../../shared/aws/sfn-execution-history.js';

/** What the AWS mode of `executions` is pointed at. */
export interface AwsTarget {
  stage?: string;
  stateMachineArn?: string;
  region?: string;
}

/** A Step Functions client; no region given: the ARN's, else AWS_REGION or the profile's. */
export function sfnClient(region: string | undefined): SFNClient {
  return new SFNClient(region ? { region } : {});
}

/** arn:aws:states:<region>:<account>:… → <region> */
export function regionOfArn(arn: string): string | undefined {
  return /^arn:aws[a-z-]*:states:([a-z0-9-]+):/.exec(arn)?.[1];
}

/** The executions of the deployed state machine of --stage, or of --state-machine-arn. */
export async function awsExecutionHistory(target: AwsTarget) {
  const client = sfnClient(
    target.region ?? (target.stateMachineArn ? regionOfArn(target.stateMachineArn) : undefined),
  );
  const stateMachineArn =
    target.stateMachineArn ?? (await findStateMachineArn(client, target.stage ?? ''));
  return {
    source: new SfnExecutionHistory(client, stateMachineArn),
    close: () => client.destroy(),
  };
}

/** Where the Step Functions console shows an execution, its graph and history. */
export function executionConsoleUrl(executionArn: string): string {
  const region = regionOfArn(executionArn) ?? 'us-east-1';
  return `https://${region}.console.aws.amazon.com/states/home?region=${region}#/v2/executions/details/${executionArn}`;
}
