/**
 * What building every handler with createHandler costs per invocation:
 * `node --openssl-legacy-provider --import tsx bench/handlers.ts [scale]`.
 *
 * - `createHandler`: the check-snapshot event schema through the whole chain (collaborators
 *   kept, a child logger with the Lambda context per invocation, Powertools' parser, keys from
 *   the event) and a run that logs one line, to a stream that drops it.
 * - `baseline`: what the handlers did before, in the same run: middy, zod's safeParse in a
 *   before-middleware, one shared logger, the same line.
 * - `invalid`: an event refused as InvalidEvent (its ERROR line included).
 * No aim in the issue for this: it is reported so a slower chain is seen, not guessed. The
 * figure is the median of five rounds of `2,000 × scale` invocations each.
 */
import { Writable } from 'node:stream';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { createLogger, type Logger } from '../shared/logging/logger.js';
import { createHandler } from '../shared/middleware/create-handler.js';
import { checkSnapshotEventSchema } from '../shared/workflow/step-events.js';

const ROUNDS = 5;
const INVOCATIONS_PER_SCALE = 2_000;

const EVENT = {
  bucket: 'school-dumps',
  key: '학생명부/학생명부_202508291511.csv',
  table: '학생명부',
  snapshot: '202508291511',
  superseded: false,
};

function context(i: number): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'csv-catalog-bench-checkSnapshot',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:ap-northeast-2:000000000000:function:bench',
    memoryLimitInMB: '1024',
    awsRequestId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    logGroupName: '/aws/lambda/bench',
    logStreamName: 'bench',
    getRemainingTimeInMillis: () => 60_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** A logger that formats every line, as in Lambda, and drops it. */
function droppingLogger(): Logger {
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  return createLogger({ logLevel: 'INFO', stream: sink });
}

type Invoke = (i: number) => Promise<unknown>;

function viaCreateHandler(event: unknown): Invoke {
  const logger = droppingLogger();
  const handler = createHandler({
    name: 'check-snapshot',
    schema: checkSnapshotEventSchema,
    resolve: async () => ({ logger }),
    run: async (parsed, deps) => {
      deps.logger.info('Checked snapshot', { superseded: parsed.superseded });
      return { superseded: parsed.superseded };
    },
  });
  return (i) => handler(event as never, context(i)).catch((error: unknown) => error);
}

/** The chain the handlers had before: middy, a zod safeParse middleware, a shared logger. */
function viaBaseline(event: unknown): Invoke {
  const logger = droppingLogger();
  let deps: Promise<{ logger: Logger }> | undefined;
  const run = async (parsed: { key: string; superseded: boolean }) => {
    deps ??= Promise.resolve({ logger });
    const resolved = await deps;
    resolved.logger.info('Checked snapshot', { key: parsed.key, superseded: parsed.superseded });
    return { superseded: parsed.superseded };
  };
  const handler = middy(run).use({
    before: (request) => {
      const result = checkSnapshotEventSchema.safeParse(request.event);
      if (!result.success) throw new Error(result.error.message);
      request.event = result.data;
    },
  });
  return (i) => handler(event as never, context(i)).catch((error: unknown) => error);
}

async function perInvocationMicros(invoke: Invoke, invocations: number): Promise<number> {
  const rounds: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < invocations; i++) await invoke(i);
    rounds.push(Number(process.hrtime.bigint() - started) / 1_000 / invocations);
  }
  rounds.sort((a, b) => a - b);
  return rounds[Math.floor(rounds.length / 2)] ?? Number.NaN;
}

export async function measureHandlers(options: {
  scale: number;
}): Promise<Record<string, unknown>> {
  const invocations = Math.max(200, Math.round(INVOCATIONS_PER_SCALE * options.scale));
  const bad = { ...EVENT, superseded: '아니오' };
  // Warm both chains (module loading, JIT) before measuring either.
  await perInvocationMicros(viaCreateHandler(EVENT), 200);
  await perInvocationMicros(viaBaseline(EVENT), 200);
  const createHandlerUs = await perInvocationMicros(viaCreateHandler(EVENT), invocations);
  const baselineUs = await perInvocationMicros(viaBaseline(EVENT), invocations);
  const invalidUs = await perInvocationMicros(viaCreateHandler(bad), invocations);
  return {
    invocations,
    createHandlerMicrosPerInvocation: round(createHandlerUs),
    baselineMicrosPerInvocation: round(baselineUs),
    invalidEventMicrosPerInvocation: round(invalidUs),
    ratioVsBaseline: round(createHandlerUs / baselineUs),
    addedMicrosPerInvocation: round(createHandlerUs - baselineUs),
    aim: 'none in the issue (reported for information)',
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const scale = Number(process.argv[2] ?? '1');
  console.log(JSON.stringify(await measureHandlers({ scale }), null, 2));
}
