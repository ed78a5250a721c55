import type { Context } from 'aws-lambda';
import { localLambdaContext } from '../local-lambda-context.js';
import { type JsonValue, toJsonValue } from './json-value.js';

/** A Lambda handler as the Node.js runtime calls it. */
export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/** What a Task state runs locally in place of its resource. */
export type TaskHandler = (input: JsonValue) => Promise<JsonValue>;

/**
 * Wraps a typed handler. The cast is where the runtime's untyped JSON meets the handler's event
 * type; every handler parses its event (createHandler, shared/middleware/) before it reads it.
 */
export function asLambdaHandler<E>(
  handler: (event: E, context: Context) => Promise<unknown>,
): LambdaHandler {
  return (event, context) => handler(event as E, context);
}

/**
 * Stands in for `arn:aws:states:::lambda:invoke`: runs the handler in-process on the task's
 * `Payload` and answers as the integration does, `{ Payload, StatusCode }`. A thrown error
 * fails the task the way Lambda reports it: Error is the error's name (the runtime's
 * errorType, which Retry and Catch match), Cause the JSON of errorType and errorMessage.
 */
export function lambdaInvokeStandIn(functionName: string, handler: LambdaHandler): TaskHandler {
  return async (input) => {
    const payload = isObject(input) ? input.Payload : undefined;
    let result: unknown;
    try {
      result = await handler(toJsonValue(payload), localLambdaContext(functionName, 300_000));
    } catch (error) {
      throw lambdaFunctionError(error);
    }
    return { ExecutedVersion: '$LATEST', Payload: toJsonValue(result), StatusCode: 200 };
  };
}

function lambdaFunctionError(error: unknown): Error {
  const errorType = error instanceof Error ? error.name : 'Error';
  const errorMessage = error instanceof Error ? error.message : String(error);
  const failure = new Error(JSON.stringify({ errorType, errorMessage }));
  // The name is the handler's error's, whatever it is: that is what the ASL matches.
  failure.name = errorType;
  return failure;
}

function isObject(value: JsonValue): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
