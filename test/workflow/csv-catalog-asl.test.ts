import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  CSV_CATALOG_ASL,
  readStateMachine,
  taskStates,
} from '../../local/workflow/state-machine-file.js';
import {
  checkSnapshotEventSchema,
  coerceSchemaEventSchema,
  decideCrawlEventSchema,
  describeCrawlFailureEventSchema,
  ensureCrawlerEventSchema,
  loadRowsEventSchema,
  syncRdsDdlEventSchema,
} from '../../shared/workflow/step-events.js';

const run = promisify(execFile);
const validatorCli = createRequire(import.meta.url).resolve(
  'asl-validator/dist/bin/asl-validator.js',
);

describe('statemachines/csv-catalog.asl.json', () => {
  it('passes asl-validator', async () => {
    // Act
    const { stdout } = await run(process.execPath, [validatorCli, '--json-path', CSV_CATALOG_ASL]);

    // Assess
    expect(stdout).toContain('is valid');
  });

  it('hands each Lambda exactly the fields its handler validates, never the whole state', async () => {
    // Prepare
    const definition = await readStateMachine();
    const schemas: Record<string, z.ZodObject> = {
      CheckSnapshot: checkSnapshotEventSchema,
      EnsureCrawler: ensureCrawlerEventSchema,
      DecideCrawl: decideCrawlEventSchema,
      DescribeCrawlFailure: describeCrawlFailureEventSchema,
      CoerceSchema: coerceSchemaEventSchema,
      SyncRdsDdl: syncRdsDdlEventSchema,
      LoadRows: loadRowsEventSchema,
    };

    // Act
    const payloads = Object.fromEntries(
      Object.keys(schemas).map((name) => {
        const state = definition.States[name] as unknown as {
          Parameters: { Payload: Record<string, string> };
        };
        return [name, state.Parameters.Payload];
      }),
    );

    // Assess: `"field.$": "$.field"` for each field of the handler's (strict) event schema,
    // unless the field comes from deeper in the state or from the context object (the execution)
    const deeper: Record<string, Record<string, string>> = {
      DescribeCrawlFailure: {
        crawler: '$.crawler.name',
        errorMessage: '$.poll.Crawler.LastCrawl.ErrorMessage',
      },
      LoadRows: { offset: '$.load.offset', chunks: '$.load.chunks', eTag: '$.load.eTag' },
    };
    for (const [name, schema] of Object.entries(schemas)) {
      const fields = Object.keys(schema.shape);
      expect(payloads[name], name).toEqual(
        Object.fromEntries(
          fields.map((field) => [
            `${field}.$`,
            field === 'execution' ? '$$.Execution.Name' : (deeper[name]?.[field] ?? `$.${field}`),
          ]),
        ),
      );
    }
  });

  it('calls each Lambda through a <StateName>FunctionArn placeholder, with the retries AWS recommends', async () => {
    // Prepare
    const definition = await readStateMachine();

    // Act
    const lambdas = taskStates(definition).filter(
      (t) => t.resource === 'arn:aws:states:::lambda:invoke',
    );

    // Assess
    expect(lambdas.map((t) => t.stateName)).toEqual([
      'CheckSnapshot',
      'EnsureCrawler',
      'DecideCrawl',
      'DescribeCrawlFailure',
      'CoerceSchema',
      'SyncRdsDdl',
      'LoadRows',
    ]);
    for (const task of lambdas) {
      const state = definition.States[task.stateName] as unknown as Record<string, unknown>;
      expect(task.functionName).toBe(`\${${task.stateName}FunctionArn}`);
      expect(state.Parameters).not.toHaveProperty('Payload.$');
      expect(JSON.stringify(state.ResultSelector)).toContain('$.Payload.');
      expect(state.Retry).toContainEqual(
        expect.objectContaining({
          ErrorEquals: expect.arrayContaining([
            'Lambda.ServiceException',
            'Lambda.TooManyRequestsException',
          ]),
        }),
      );
    }
  });

  it('has no placeholders but the Lambda ARNs, and nothing the local runner cannot run', async () => {
    // Prepare
    const text = JSON.stringify(await readStateMachine());

    // Act
    const placeholders = [...text.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]);

    // Assess
    expect(new Set(placeholders)).toEqual(
      new Set([
        'CheckSnapshotFunctionArn',
        'EnsureCrawlerFunctionArn',
        'DecideCrawlFunctionArn',
        'DescribeCrawlFailureFunctionArn',
        'CoerceSchemaFunctionArn',
        'SyncRdsDdlFunctionArn',
        'LoadRowsFunctionArn',
      ]),
    );
    expect(text).not.toMatch(/"(Assign|QueryLanguage|Arguments|Output)"|"Type":"(Parallel|Map)"/);
  });

  it('describes a failed crawl with the files under the prefix, else with the crawler message alone', async () => {
    // Prepare
    const definition = await readStateMachine();
    const states = definition.States as unknown as Record<string, Record<string, unknown>>;

    // Act
    const describe = states.DescribeCrawlFailure;
    const fallback = states.DescribeCrawlError;

    // Assess: the Fail state reads $.failure either way
    expect(describe).toMatchObject({
      Type: 'Task',
      ResultSelector: { Error: 'CrawlerFailed', 'Cause.$': '$.Payload.cause' },
      ResultPath: '$.failure',
      Next: 'CrawlerFailed',
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'DescribeCrawlError' }],
    });
    expect(fallback).toMatchObject({
      Type: 'Pass',
      ResultPath: '$.failure',
      Next: 'CrawlerFailed',
    });
    expect(states.CrawlerFailed).toMatchObject({
      ErrorPath: '$.failure.Error',
      CausePath: '$.failure.Cause',
    });
  });

  it('retries a GetCrawler poll that got no answer within the retrier Glue’s errors share', async () => {
    // Prepare
    const definition = await readStateMachine();
    const states = definition.States as unknown as Record<string, { Retry?: unknown[] }>;

    // Act
    const retry = states.GetCrawler?.Retry ?? [];

    // Assess: one retrier, so the history bound's count of GetCrawler's events is unchanged
    expect(retry).toEqual([
      expect.objectContaining({
        ErrorEquals: [
          'Glue.ThrottlingException',
          'Glue.InternalServiceException',
          'Glue.OperationTimeoutException',
          'States.Timeout',
        ],
        MaxAttempts: 4,
      }),
    ]);
  });

  it('loads the rows after SyncRdsDdl only when rds.load wants it, looping LoadRows until done', async () => {
    // Prepare
    const definition = await readStateMachine();
    const states = definition.States as unknown as Record<string, Record<string, unknown>>;

    // Act
    const check = states.CheckSnapshot?.ResultSelector;
    const loadRows = states.LoadRows as { Retry: { ErrorEquals: string[] }[] };
    const retried = loadRows.Retry.flatMap((r) => r.ErrorEquals);

    // Assess: off skips to Catalogued through LoadSkipped, which sets $.load as the loop does
    expect(check).toMatchObject({
      'load.$': '$.Payload.load',
      'maxChunks.$': '$.Payload.maxChunks',
    });
    expect(states.SyncRdsDdl?.Next).toBe('IsLoadWanted');
    expect(states.IsLoadWanted).toMatchObject({
      Choices: [{ Variable: '$.check.load', StringEquals: 'off', Next: 'LoadSkipped' }],
      Default: 'StartLoad',
    });
    expect(states.LoadSkipped).toMatchObject({
      Result: { mode: 'off' },
      ResultPath: '$.load',
      Next: 'Catalogued',
    });
    expect(states.StartLoad).toMatchObject({
      Result: { done: false, offset: 0, chunks: 0, eTag: null, rows: 0 },
      ResultPath: '$.load',
      Next: 'LoadRows',
    });
    expect(loadRows).toMatchObject({
      ResultPath: '$.load',
      TimeoutSeconds: 960,
      Next: 'IsLoadDone',
    });
    expect(states.IsLoadDone).toMatchObject({
      Choices: [
        { Variable: '$.load.done', BooleanEquals: true, Next: 'Catalogued' },
        {
          Variable: '$.load.chunks',
          NumericGreaterThanEqualsPath: '$.check.maxChunks',
          Next: 'DescribeLoadTooLong',
        },
      ],
      Default: 'LoadRows',
    });
    expect(states.LoadTooLong).toMatchObject({ Type: 'Fail', Error: 'LoadTooLong' });
    expect(retried).toEqual(expect.arrayContaining(['RdsUnavailable', 'RdsLockTimeout']));
    // Retrying these would only fail again: the execution fails with the cause, for a redrive.
    for (const error of [
      'RdsLoadShrinks',
      'RdsLoadMismatch',
      'RdsLoadRejected',
      'RdsLoadSourceChanged',
      'States.ALL',
    ]) {
      expect(retried).not.toContain(error);
    }
    expect(states.Catalogued?.Parameters).toMatchObject({ 'load.$': '$.load' });
  });
});
