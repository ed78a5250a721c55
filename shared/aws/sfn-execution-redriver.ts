import {
  DescribeExecutionCommand,
  ExecutionDoesNotExist,
  ExecutionLimitExceeded,
  ExecutionNotRedrivable,
  InvalidArn,
  RedriveExecutionCommand,
  type SFNClient,
  ValidationException,
} from '@aws-sdk/client-sfn';
import type { ExecutionRedriver, RedriveResult } from './execution-history-source.js';
import { UNSUCCESSFUL_STATUSES } from './execution-history-source.js';
import { RedriveRefused } from './redrive-refused.js';

/** Step Functions keeps an unsuccessful Standard execution redrivable for 14 days. */
export const REDRIVABLE_DAYS = 14;
const DAY_MS = 86_400_000;

/**
 * RedriveExecution: the execution resumes at the state that failed, with the same input and
 * ARN. Where AWS refuses, the RedriveRefused message says why and what to do instead.
 */
export class SfnExecutionRedriver implements ExecutionRedriver {
  constructor(
    private readonly client: SFNClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async redrive(executionArn: string): Promise<RedriveResult> {
    if (executionArn.includes(':express:')) {
      throw new RedriveRefused(
        `${executionArn} is an Express execution: only Standard executions can be redriven. Start a new one.`,
      );
    }
    try {
      const out = await this.client.send(new RedriveExecutionCommand({ executionArn }));
      return { id: executionArn, redrivenAt: out.redriveDate ?? this.now() };
    } catch (error) {
      throw await this.refusal(executionArn, error);
    }
  }

  private async refusal(executionArn: string, error: unknown): Promise<unknown> {
    const refused = (message: string) => new RedriveRefused(message, { cause: error });
    if (error instanceof ExecutionNotRedrivable) {
      return refused(
        `${executionArn} cannot be redriven: ${await this.whyNot(executionArn, error)}`,
      );
    }
    if (error instanceof ExecutionDoesNotExist) {
      return refused(`${executionArn} does not exist (check the region: --region)`);
    }
    if (error instanceof InvalidArn || error instanceof ValidationException) {
      return refused(`${executionArn} is not a Step Functions execution ARN: ${error.message}`);
    }
    if (error instanceof ExecutionLimitExceeded) {
      return refused(
        `too many executions are running to redrive ${executionArn} now: try again once some end`,
      );
    }
    return error;
  }

  /** The execution's state explains most refusals; AWS's own reason is kept too. */
  private async whyNot(executionArn: string, error: ExecutionNotRedrivable): Promise<string> {
    const described = await this.client
      .send(new DescribeExecutionCommand({ executionArn }))
      .catch(() => undefined);
    const reason = described?.redriveStatusReason ?? error.message;
    const status = described?.status;
    if (status && !UNSUCCESSFUL_STATUSES.includes(status)) {
      return `it is ${status}; only failed, timed-out or aborted executions can be redriven (${reason})`;
    }
    const stopped = described?.stopDate;
    if (stopped && this.now().getTime() - stopped.getTime() > REDRIVABLE_DAYS * DAY_MS) {
      return `it stopped on ${stopped.toISOString()}, more than ${REDRIVABLE_DAYS} days ago (${reason}). Start a new execution for its table: csv-catalog sync --table <table> --stage <stage> --bucket <bucket>`;
    }
    return reason;
  }
}
