import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { LogAttributes } from '@aws-lambda-powertools/logger/types';
import type middy from '@middy/core';
import type { Logger } from '../logging/logger.js';

/**
 * A logger of one invocation's own: a child of the handler's, with the Lambda context
 * (function_request_id, function_name, cold_start…) put on by Powertools' injectLambdaContext.
 * A child per invocation because the local stack runs many invocations of one handler at once
 * on one logger: keys put on a shared logger would land on another invocation's lines.
 */
export function invocationLogger(
  parent: Logger,
  request: middy.Request,
  options: { coldStart: boolean },
): Logger {
  const logger = parent.createChild();
  // A child starts cold (Powertools keeps cold_start per instance): a warm invocation says so.
  if (!options.coldStart) logger.markWarm();
  // Also logs the event when POWERTOOLS_LOGGER_LOG_EVENT is set, as on any Powertools Lambda.
  injectLambdaContext(logger).before?.(request);
  return logger;
}

/**
 * What every line of an invocation carries from its event: the table, the file's key and the
 * execution, where the event has them (a workflow step's does; an S3 event's records do not).
 */
export function eventLogKeys(event: unknown): LogAttributes {
  const keys: LogAttributes = {};
  if (typeof event !== 'object' || event === null) return keys;
  for (const name of ['execution', 'table', 'key'] as const) {
    const value: unknown = Object.hasOwn(event, name)
      ? (event as Record<string, unknown>)[name]
      : undefined;
    if (typeof value === 'string') keys[name] = value;
  }
  return keys;
}
