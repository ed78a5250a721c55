import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../shared/config/config-schema.js';
import { lambdaContext } from '../support/lambda-context.js';
import { startTestS3, type TestS3 } from '../support/local-s3.js';
import {
  startWorkflowStack,
  stateOf,
  taskPayload,
  type WorkflowTestStack,
} from './workflow-test-stack.js';

/**
 * LoadRows in the workflow, end to end: the real ASL on the local runner, the real handlers,
 * the local S3 and Glue endpoint, and MariaDB.
 */

const HEADER = '학번,이름,비고';

/** A Korean roster; every third remark holds a quoted line break and doubled quotes. */
function roster(rows: number, tag = ''): string {
  const lines = Array.from({ length: rows }, (_, i) => {
    const id = String(i + 1).padStart(4, '0');
    const remark = i % 3 === 0 ? `"서울시\n서초구 ""${i}""${tag}"` : `비고${i}${tag}`;
    return `${id},학생${i}${tag},${remark}`;
  });
  return `${[HEADER, ...lines].join('\n')}\n`;
}

/** What MySQL should hold for roster(rows, tag), ordered by 학번. */
function rosterRows(rows: number, tag = ''): string[][] {
  return Array.from({ length: rows }, (_, i) => [
    String(i + 1).padStart(4, '0'),
    `학생${i}${tag}`,
    i % 3 === 0 ? `서울시\n서초구 "${i}"${tag}` : `비고${i}${tag}`,
  ]);
}

describe('the workflow loads the rows into MySQL (LoadRows)', () => {
  let s3: TestS3;
  let stack: WorkflowTestStack | undefined;
  beforeAll(async () => {
    s3 = await startTestS3([]);
  });
  afterEach(async () => {
    await stack?.stop();
    stack = undefined;
  });
  afterAll(async () => s3?.stop());

  const start = async (rds: ConfigInput['rds']) => {
    stack = await startWorkflowStack(s3, { config: { rds } });
    return stack;
  };
  async function tableRows(table: string): Promise<string[][]> {
    if (!stack) throw new Error('no stack');
    const [rows] = await stack.db.connection.query<RowDataPacket[]>(
      `SELECT * FROM \`${stack.db.database}\`.\`${table}\` ORDER BY 1, 2`,
    );
    return rows.map((row) => Object.values(row).map((v) => (v === null ? '∅' : String(v))));
  }

  it('replace: a drop ends SUCCEEDED with its rows in MySQL, Korean text and quoted line breaks intact', async () => {
    // Prepare
    const body = roster(7);
    await start({ load: 'replace' });

    // Act
    const { execution } = await stack!.drop('학생_202509011200.csv', body);

    // Assess
    expect(execution.status, execution.cause).toBe('SUCCEEDED');
    expect(stateOf(execution, 'LoadRows')).toMatchObject({ status: 'SUCCEEDED', entered: 1 });
    expect(execution.output).toMatchObject({
      load: {
        done: true,
        offset: Buffer.byteLength(body),
        chunks: 1,
        eTag: expect.stringMatching(/^"?[0-9a-f]{32}"?$/),
        rows: 7,
        mode: 'replace',
        alreadyLoaded: false,
        resumed: false,
        skipped: null,
        widened: { count: 0, first: [] },
      },
    });
    expect(await tableRows('학생')).toEqual(rosterRows(7));
  });

  it('replace: a second snapshot replaces the rows of the first', async () => {
    // Prepare
    await start({ load: 'replace' });
    const first = await stack!.drop('학생_202509011200.csv', roster(4));

    // Act
    const second = await stack!.drop('학생_202509021200.csv', roster(3, '-새'));

    // Assess
    expect(first.execution.status, first.execution.cause).toBe('SUCCEEDED');
    expect(second.execution.status, second.execution.cause).toBe('SUCCEEDED');
    expect(second.execution.output).toMatchObject({ load: { mode: 'replace', rows: 3 } });
    expect(await tableRows('학생')).toEqual(rosterRows(3, '-새'));
  });

  it('append: two snapshots are two copies; LoadRows run again on its recorded input adds nothing', async () => {
    // Prepare
    await start({ load: 'append' });
    await stack!.drop('학생_202509011200.csv', roster(4));
    const { execution } = await stack!.drop('학생_202509021200.csv', roster(4));
    const firstLoad = stack!.runner
      .history(execution.name)
      .find((e) => e.type === 'StateEntered' && e.stateName === 'LoadRows')?.input;

    // Act: what a replay of the step does (the first chunk again, no ETag yet)
    const replayed = (await stack!.handlers.LoadRows(
      taskPayload('LoadRows', firstLoad),
      lambdaContext,
    )) as Record<string, unknown>;

    // Assess
    expect(execution.status, execution.cause).toBe('SUCCEEDED');
    expect(execution.output).toMatchObject({ load: { mode: 'append', rows: 4 } });
    expect(replayed).toMatchObject({ done: true, alreadyLoaded: true });
    const twice = rosterRows(4).flatMap((row) => [row, row]);
    expect(await tableRows('학생')).toEqual(twice);
  });

  it('append: a redrive after LoadRows committed but failed to answer does not double the rows', async () => {
    // Prepare: the first invocation loads, then the Lambda dies before it answers
    let invocations = 0;
    stack = await startWorkflowStack(s3, {
      config: { rds: { load: 'append' } },
      lambdas: (real) => ({
        LoadRows: async (event, context) => {
          const answer = await real.LoadRows(event, context);
          invocations += 1;
          if (invocations === 1) {
            const lost = new Error('the Lambda ran out of memory after the commit');
            lost.name = 'Runtime.ExitError';
            throw lost;
          }
          return answer;
        },
      }),
    });
    const { execution } = await stack.drop('학생_202509011200.csv', roster(5));

    // Act
    await stack.runner.redrive(execution.name);
    const redriven = await stack.runner.wait(execution.name);

    // Assess
    expect(execution).toMatchObject({ status: 'FAILED', error: 'Runtime.ExitError' });
    expect(redriven.status, redriven.cause).toBe('SUCCEEDED');
    expect(redriven.output).toMatchObject({ load: { mode: 'append', alreadyLoaded: true } });
    expect(await tableRows('학생')).toEqual(rosterRows(5));
  });

  it('the shrink guard fails the execution with both counts; after raising rds.maxShrink a redrive finishes it', async () => {
    // Prepare
    await start({ load: 'replace' });
    await stack!.drop('학생_202509011200.csv', roster(10));

    // Act: a truncated export, 2 rows of 10
    const { execution } = await stack!.drop('학생_202509021200.csv', roster(2, '-잘림'));

    // Assess: failed at LoadRows, the live table untouched
    expect(execution).toMatchObject({ status: 'FAILED', error: 'RdsLoadShrinks' });
    expect(JSON.parse(execution.cause ?? '{}').errorMessage).toMatch(/from 10 rows to 2\b/);
    expect(stateOf(execution, 'LoadRows')).toMatchObject({ status: 'FAILED', retries: 0 });
    expect(await tableRows('학생')).toEqual(rosterRows(10));

    // Act: the config raised (as a redeploy would), then a redrive
    stack!.config.rds.maxShrink = 0.9;
    await stack!.runner.redrive(execution.name);
    const redriven = await stack!.runner.wait(execution.name);

    // Assess
    expect(redriven.status, redriven.cause).toBe('SUCCEEDED');
    expect(redriven.output).toMatchObject({ load: { mode: 'replace', rows: 2 } });
    expect(await tableRows('학생')).toEqual(rosterRows(2, '-잘림'));
  });

  it('rds.chunkBytes of 50 loops LoadRows chunk by chunk, and the table equals a one-shot load', async () => {
    // Prepare: the same rows, once in one chunk and once in chunks of 50 bytes (quoted line
    // breaks fall across their edges)
    const body = roster(12);
    await start({ load: 'replace' });
    const oneShot = await stack!.drop('한번_202509011200.csv', body);
    stack!.config.rds.chunkBytes = 50;

    // Act
    const chunked = await stack!.drop('여러번_202509011200.csv', body);

    // Assess
    expect(oneShot.execution.status, oneShot.execution.cause).toBe('SUCCEEDED');
    expect(chunked.execution.status, chunked.execution.cause).toBe('SUCCEEDED');
    const loops = stateOf(chunked.execution, 'LoadRows')?.entered ?? 0;
    expect(loops).toBeGreaterThan(3);
    expect(loops).toBeLessThanOrEqual(Math.ceil(Buffer.byteLength(body) / 50));
    expect(stateOf(chunked.execution, 'IsLoadDone')?.entered).toBe(loops);
    expect(chunked.execution.output).toMatchObject({
      load: { done: true, chunks: loops, rows: 12, offset: Buffer.byteLength(body) },
    });
    expect(await tableRows('여러번')).toEqual(await tableRows('한번'));
    expect(await tableRows('여러번')).toEqual(rosterRows(12));
  });

  it('rds.load off (the default) skips LoadRows: the table is created and stays empty', async () => {
    // Prepare
    await start({});

    // Act
    const { execution } = await stack!.drop('학생_202509011200.csv', roster(3));
    const key = '학생/학생_202509011200.csv';
    const invoked = stack!.handlers.LoadRows(
      { bucket: stack!.bucket, key, table: '학생', offset: 0, chunks: 0, eTag: null },
      lambdaContext,
    );

    // Assess: not entered; called anyway (a config changed mid-execution), it refuses
    expect(execution.status, execution.cause).toBe('SUCCEEDED');
    expect(stateOf(execution, 'LoadRows')).toBeUndefined();
    await expect(invoked).rejects.toMatchObject({
      name: 'ConfigError',
      message: expect.stringMatching(/^rds\.load is off for 학생/),
    });
    expect(stateOf(execution, 'LoadSkipped')).toMatchObject({ status: 'SUCCEEDED', entered: 1 });
    expect(execution.output).toMatchObject({ outcome: 'catalogued', load: { mode: 'off' } });
    expect(await tableRows('학생')).toEqual([]);
  });

  it('a table’s own rds.tables.<t>.load wins over the top-level setting', async () => {
    // Prepare
    await start({ load: 'off', tables: { 학생: { load: 'replace' } } });

    // Act
    const loaded = await stack!.drop('학생_202509011200.csv', roster(2));
    const skipped = await stack!.drop('교사_202509011200.csv', roster(2));

    // Assess
    expect(loaded.execution.output).toMatchObject({ load: { mode: 'replace', rows: 2 } });
    expect(skipped.execution.output).toMatchObject({ load: { mode: 'off' } });
    expect(await tableRows('학생')).toEqual(rosterRows(2));
    expect(await tableRows('교사')).toEqual([]);
  });

  it('a filed object gone before LoadRows (a newer snapshot archived it) loads nothing and succeeds', async () => {
    // Prepare: the object is removed just before LoadRows reads it
    stack = await startWorkflowStack(s3, {
      config: { rds: { load: 'replace' } },
      lambdas: (real) => ({
        LoadRows: async (event, context) => {
          const { key } = event as { key: string };
          await s3.client.send(new DeleteObjectCommand({ Bucket: stack!.bucket, Key: key }));
          return real.LoadRows(event, context);
        },
      }),
    });

    // Act
    const { execution } = await stack.drop('학생_202509011200.csv', roster(3));

    // Assess
    expect(execution.status, execution.cause).toBe('SUCCEEDED');
    expect(execution.output).toMatchObject({
      load: { done: true, skipped: 'superseded', rows: 0, chunks: 0 },
    });
    expect(await tableRows('학생')).toEqual([]);
  });

  it('a filed object rewritten between two chunks fails the load with RdsLoadSourceChanged; the table is unchanged', async () => {
    // Prepare: chunks of 50 bytes; after the first, the same key gets other bytes
    let invocations = 0;
    stack = await startWorkflowStack(s3, {
      config: { rds: { load: 'replace', chunkBytes: 50 } },
      lambdas: (real) => ({
        LoadRows: async (event, context) => {
          invocations += 1;
          if (invocations === 2) {
            const { key } = event as { key: string };
            await s3.client.send(
              new PutObjectCommand({ Bucket: stack!.bucket, Key: key, Body: roster(12, '-다른') }),
            );
          }
          return real.LoadRows(event, context);
        },
      }),
    });

    // Act
    const { execution } = await stack.drop('학생_202509011200.csv', roster(12));

    // Assess
    expect(execution).toMatchObject({ status: 'FAILED', error: 'RdsLoadSourceChanged' });
    expect(stateOf(execution, 'LoadRows')).toMatchObject({ entered: 2, retries: 0 });
    expect(await tableRows('학생')).toEqual([]);
    // What the first chunk staged is dropped, not left for nobody to redrive
    const [staged] = await stack.db.connection.query<RowDataPacket[]>(
      "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME LIKE '%\\_\\_load\\_%'",
      [stack.db.database],
    );
    expect(staged).toEqual([]);
  });
});
