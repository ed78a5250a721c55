import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { SfnWorkflowStarter } from '../../shared/aws/sfn-workflow-starter.js';

export const STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:csv-catalog';

/**
 * Step Functions has no local server for StartExecution here: a mocked client that, like
 * the service, refuses a second execution of the same name with ExecutionAlreadyExists.
 */
export function mockStepFunctions() {
  const client = new SFNClient({ region: 'us-east-1' });
  const mock = mockClient(client);
  const started = new Map<string, string>();
  mock.on(StartExecutionCommand).callsFake((input: { name?: string; input?: string }) => {
    const name = input.name ?? '';
    if (started.has(name)) {
      throw new ExecutionAlreadyExists({
        message: `Execution Already Exists: '${name}'`,
        $metadata: {},
      });
    }
    started.set(name, input.input ?? '');
    return {
      executionArn: `${STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${name}`,
      startDate: new Date(),
    };
  });
  return { client, mock, started, starter: new SfnWorkflowStarter(client, STATE_MACHINE_ARN) };
}
