import type { LogAttributes } from '@aws-lambda-powertools/logger/types';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import type { Logger } from '../logging/logger.js';
import { InvalidEvent } from './invalid-event.js';
import { eventLogKeys, invocationLogger } from './invocation-logger.js';
import { parseEvent } from './parse-event.js';

/** What every handler's collaborators include. */
export interface HandlerDependencies {
  logger: Logger;
}

/**
 * A Lambda entry point as the runtime calls it: the event is typed as its schema accepts it
 * (the runtime's JSON is checked against that schema before `run` sees it).
 */
export type LambdaEntry<TEvent, TResult> = (event: TEvent, context: Context) => Promise<TResult>;

export interface HandlerDefinition<
  TSchema extends z.ZodType,
  TDeps extends HandlerDependencies,
  TResult,
> {
  /** The function's folder name (functions/<name>/), on the handler's log lines as `handler`. */
  name: string;
  /** The event's shape (zod); the event `run` gets is the parsed one. */
  schema: TSchema;
  /** The collaborators, resolved once on the first invocation (cold start) and kept while warm. */
  resolve: () => Promise<TDeps>;
  /** The step itself; `deps.logger` is this invocation's, carrying its request id and event keys. */
  run: (event: z.output<TSchema>, deps: TDeps, context: Context) => Promise<TResult>;
  /**
   * Middlewares that reshape the parsed event before `run` (file-upload's key decoding). After
   * the schema, so a malformed event is refused by name rather than crashing them.
   */
  normalize?: middy.MiddlewareObj[];
  /** Keys every log line of an invocation carries; default the event's execution, table and key. */
  logKeys?: (event: z.output<TSchema>) => LogAttributes;
}

/**
 * The one way a handler is built: collaborators resolved once, a logger per invocation with the
 * Lambda context (Powertools' injectLambdaContext), the event parsed with its schema (Powertools'
 * parser; a bad one fails as InvalidEvent naming the field), then `run`. The local stack calls
 * the very same entry points in-process.
 */
export function createHandler<
  TSchema extends z.ZodType,
  TDeps extends HandlerDependencies,
  TResult,
>(definition: HandlerDefinition<TSchema, TDeps, TResult>): LambdaEntry<z.input<TSchema>, TResult> {
  const resolveOnce = resolvedOnce(definition.resolve);
  // Per invocation, keyed by the context middy hands both the middlewares and the handler
  // (Lambda, like the local stand-ins, gives every invocation a context object of its own).
  const invocations = new WeakMap<object, TDeps>();

  const setUp: middy.MiddlewareObj = {
    before: async function setUpInvocation(request) {
      const { deps, coldStart } = await resolveOnce();
      const logger = invocationLogger(deps.logger, request, { coldStart });
      logger.appendKeys({ handler: definition.name });
      invocations.set(request.context, { ...deps, logger });
    },
    onError: function logInvalidEvent(request) {
      // A bad event is the caller's bug: one line with the request id says which field.
      if (!(request.error instanceof InvalidEvent)) return;
      const deps = invocations.get(request.context);
      deps?.logger.error(request.error.message, { fields: request.error.fields });
    },
  };
  const keyLines: middy.MiddlewareObj = {
    before: function appendEventKeys(request) {
      const keys = (definition.logKeys ?? eventLogKeys)(request.event as z.output<TSchema>);
      invocations.get(request.context)?.logger.appendKeys(keys);
    },
  };

  const run = async (event: unknown, context: Context): Promise<TResult> => {
    const deps = invocations.get(context);
    // setUp runs first on every invocation: this cannot happen short of a bug here.
    if (!deps) throw new TypeError(`${definition.name}: invoked without its set-up middleware`);
    return definition.run(event as z.output<TSchema>, deps, context);
  };
  const handler = middy<unknown, TResult>(run)
    .use(setUp)
    .use(parseEvent(definition.schema))
    .use(definition.normalize ?? [])
    .use(keyLines);
  return (event, context) => handler(event, context);
}

/**
 * Resolves on the first call and keeps the answer. A rejected resolution is not kept: the
 * next invocation tries again (a config or secret that was briefly unreachable).
 */
function resolvedOnce<TDeps>(
  resolve: () => Promise<TDeps>,
): () => Promise<{ deps: TDeps; coldStart: boolean }> {
  let pending: Promise<TDeps> | undefined;
  return async () => {
    const coldStart = pending === undefined;
    pending ??= resolve();
    try {
      return { deps: await pending, coldStart };
    } catch (error) {
      pending = undefined;
      throw error;
    }
  };
}
