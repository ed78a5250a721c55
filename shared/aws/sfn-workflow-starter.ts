import { ExecutionAlreadyExists, type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { WorkflowInput, WorkflowStart, WorkflowStarter } from '../workflow/workflow-input.js';

/** Starts executions of the deployed state machine; a duplicate name counts as started. */
export class SfnWorkflowStarter implements WorkflowStarter {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  async start(name: string, input: WorkflowInput): Promise<WorkflowStart> {
    try {
      const out = await this.client.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name,
          input: JSON.stringify(input),
        }),
      );
      return { name, executionArn: out.executionArn, alreadyStarted: false };
    } catch (error) {
      if (error instanceof ExecutionAlreadyExists) {
        return { name, executionArn: this.executionArnOf(name), alreadyStarted: true };
      }
      throw error;
    }
  }

  /** arn:aws:states:r:a:stateMachine:M → arn:aws:states:r:a:execution:M:name */
  private executionArnOf(name: string): string {
    return `${this.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
  }
}
