import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CrawlerRunningException,
  CreateDatabaseCommand,
  CreateTableCommand,
  GetDatabasesCommand,
  StartCrawlerCommand,
} from '@aws-sdk/client-glue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  awsGlue,
  awsGlueError,
  errorOf,
  type GlueTestStack,
  glueClient,
  putObjects,
  startGlueTestStack,
  waitForCrawlerReady,
} from './glue-test-stack.js';

describe('local Glue endpoint through the real AWS CLI', () => {
  let stack: GlueTestStack;
  beforeAll(async () => {
    stack = await startGlueTestStack(['data'], { minCrawlMs: 2000 });
    await stack.client.send(
      new CreateDatabaseCommand({ DatabaseInput: { Name: 'schoolfriends' } }),
    );
    await putObjects(stack.s3, 'data', {
      'school_info/i.csv': 'id,name\n1,Seoul High\n2,Busan High\n',
    });
  });
  afterAll(async () => stack?.stop());

  it('lists tables with aws glue get-tables', async () => {
    // Prepare
    for (const name of ['member', 'school_class']) {
      await stack.client.send(
        new CreateTableCommand({
          DatabaseName: 'schoolfriends',
          TableInput: {
            Name: name,
            StorageDescriptor: { Columns: [{ Name: 'id', Type: 'string' }] },
          },
        }),
      );
    }

    // Act
    const output = (await awsGlue(stack.glue.endpoint, [
      'get-tables',
      '--database-name',
      'schoolfriends',
    ])) as { TableList: { Name: string; DatabaseName: string; CreateTime: unknown }[] };

    // Assess
    expect(output.TableList.map((t) => [t.Name, t.DatabaseName])).toEqual([
      ['member', 'schoolfriends'],
      ['school_class', 'schoolfriends'],
    ]);
    expect(output.TableList[0]?.CreateTime).toBeTruthy();
  });

  it('creates, starts and reads a crawler with aws glue', async () => {
    // Act
    await awsGlue(stack.glue.endpoint, [
      'create-crawler',
      '--name',
      'crawler_school_info',
      '--role',
      'AWSGlueServiceRole-local',
      '--database-name',
      'schoolfriends',
      '--targets',
      '{"S3Targets":[{"Path":"s3://data/school_info/"}]}',
      '--schema-change-policy',
      'UpdateBehavior=LOG,DeleteBehavior=LOG',
    ]);
    await awsGlue(stack.glue.endpoint, ['start-crawler', '--name', 'crawler_school_info']);
    const secondStart = await errorOf(
      stack.client.send(new StartCrawlerCommand({ Name: 'crawler_school_info' })),
    );
    await waitForCrawlerReady(stack.client, 'crawler_school_info');
    const output = (await awsGlue(stack.glue.endpoint, [
      'get-crawler',
      '--name',
      'crawler_school_info',
    ])) as {
      Crawler: { State: string; LastCrawl: { Status: string }; SchemaChangePolicy: unknown };
    };

    // Assess
    expect(secondStart).toBeInstanceOf(CrawlerRunningException);
    expect(output.Crawler.State).toBe('READY');
    expect(output.Crawler.LastCrawl.Status).toBe('SUCCEEDED');
    expect(output.Crawler.SchemaChangePolicy).toEqual({
      UpdateBehavior: 'LOG',
      DeleteBehavior: 'LOG',
    });
  });

  it('prints Glue errors the way the CLI prints them', async () => {
    // Act
    const stderr = await awsGlueError(stack.glue.endpoint, [
      'get-table',
      '--database-name',
      'schoolfriends',
      '--name',
      'nope',
    ]);

    // Assess
    expect(stderr).toContain(
      'An error occurred (EntityNotFoundException) when calling the GetTable operation: Table nope not found.',
    );
  });
});

describe('csv-catalog local glue', () => {
  let child: ChildProcess | undefined;
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    for (const step of cleanup) await step();
  });

  it('prints where it listens, serves the Glue API, and stops on SIGTERM', async () => {
    // Prepare
    const entry = fileURLToPath(new URL('./local-glue-cli-entry.ts', import.meta.url));
    const dir = await mkdtemp(join(tmpdir(), 'csv-catalog-local-glue-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        entry,
        'local',
        'glue',
        '--port',
        '0',
        '--dir',
        dir,
        '--s3-endpoint',
        'http://127.0.0.1:9',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      },
    );
    let stdout = '';
    child.stdout?.setEncoding('utf8');
    const listening = new Promise<string>((resolve, reject) => {
      child?.stdout?.on('data', (chunk: string) => {
        stdout += chunk;
        const match = /^glue endpoint: (http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
        if (match?.[1]) resolve(match[1]);
      });
      child?.once('exit', (code) => reject(new Error(`exited with ${code} before listening`)));
    });

    // Act
    const endpoint = await listening;
    const client = glueClient(endpoint);
    const { DatabaseList } = await client.send(new GetDatabasesCommand({}));
    client.destroy();
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [exitCode] = await exited;

    // Assess
    expect(stdout).toBe(`glue endpoint: ${endpoint}\n`);
    expect(DatabaseList).toBeDefined();
    expect(exitCode).toBe(0);
  });
});
