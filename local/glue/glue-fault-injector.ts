import type { IncomingMessage, ServerResponse } from 'node:http';
import { GlueServiceError } from './glue-errors.js';
import { sendError } from './json-protocol.js';

/**
 * Test-only faults of the local Glue endpoint, the way Glue fails under load: never on unless
 * a test hands an injector to startGlueEndpoint (or startLocalStack) and adds a rule. Each
 * rule matches an operation (`GetCrawler`, …) and acts on at most `times` of its requests:
 * - `error`: Glue's JSON error (`ThrottlingException` and `OperationTimeoutException` with
 *   400, `InternalServiceException` with 500), the request never reaching the operation;
 * - `drop`: the connection is destroyed before any answer (to the client, a request that
 *   never completes: what a timeout looks like from its side).
 */
export type GlueFaultAction =
  | {
      type: 'error';
      errorType: 'ThrottlingException' | 'InternalServiceException' | 'OperationTimeoutException';
      message?: string;
    }
  | { type: 'drop' };

export interface GlueFaultRule {
  /** The operation of `X-Amz-Target: AWSGlue.<Operation>`. */
  operation: string;
  /** How many requests it acts on (default 1); Infinity until removed. */
  times?: number;
  /**
   * Armed only once a request of this operation was seen: `StartCrawler` makes a GetCrawler
   * rule hit the workflow's polls, not the GetCrawler calls of the steps before them.
   */
  after?: string;
  action: GlueFaultAction;
}

interface ActiveRule extends GlueFaultRule {
  left: number;
  armed: boolean;
}

/** The HTTP status Glue sends with each error type. */
const STATUS: Record<string, number> = {
  ThrottlingException: 400,
  OperationTimeoutException: 400,
  InternalServiceException: 500,
};

export class GlueFaultInjector {
  private rules: ActiveRule[] = [];
  private readonly counts = new Map<string, number>();

  add(rule: GlueFaultRule): this {
    this.rules.push({ ...rule, left: rule.times ?? 1, armed: rule.after === undefined });
    return this;
  }

  /** Removes every rule: Glue answers again. The hit counts stay readable. */
  clear(): void {
    this.rules = [];
  }

  /** Requests of the operation the injector acted on so far. */
  hits(operation: string): number {
    return this.counts.get(operation) ?? 0;
  }

  /** Called before an operation runs; true when the fault answered (or killed) the request. */
  intercept(operation: string, request: IncomingMessage, response: ServerResponse): boolean {
    for (const r of this.rules) if (r.after === operation) r.armed = true;
    const rule = this.rules.find((r) => r.armed && r.left > 0 && r.operation === operation);
    if (!rule) return false;
    rule.left -= 1;
    this.counts.set(operation, this.hits(operation) + 1);
    request.resume();
    if (rule.action.type === 'drop') {
      request.socket.destroy();
      return true;
    }
    const { errorType, message } = rule.action;
    sendError(
      response,
      new GlueServiceError(
        errorType,
        message ?? 'injected fault (local Glue test hook)',
        STATUS[errorType] ?? 400,
      ),
    );
    return true;
  }
}
