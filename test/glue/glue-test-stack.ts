import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  type Crawler,
  CreateCrawlerCommand,
  type CreateCrawlerCommandInput,
  GetCrawlerCommand,
  GlueClient,
  StartCrawlerCommand,
} from '@aws-sdk/client-glue';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import pLimit from 'p-limit';
import {
  type GlueEndpoint,
  type GlueEndpointOptions,
  startGlueEndpoint,
} from '../../local/glue/glue-endpoint.js';
import { startTestS3, type TestS3 } from '../support/local-s3.js';

/** A real local S3 server and a Glue endpoint on a temporary folder, for one test file. */
export interface GlueTestStack {
  s3: TestS3;
  glue: GlueEndpoint;
  client: GlueClient;
  glueDir: string;
  /** Every crawler log line so far, `<crawler>: <message>` (Glue's CloudWatch log). */
  crawlerLog: string[];
  /** Stops the endpoint and starts a new one on the same folder (a process restart). */
  restartGlue(): Promise<void>;
  stop(): Promise<void>;
}

export async function startGlueTestStack(
  buckets: string[],
  options: Pick<GlueEndpointOptions, 'minCrawlMs'> = {},
): Promise<GlueTestStack> {
  const s3 = await startTestS3(buckets);
  const glueDir = await mkdtemp(join(tmpdir(), 'csv-catalog-glue-'));
  const crawlerLog: string[] = [];
  const start = () =>
    startGlueEndpoint({
      dir: glueDir,
      s3Endpoint: s3.endpoint,
      onCrawlerLog: (crawler, message) => crawlerLog.push(`${crawler}: ${message}`),
      ...options,
    });
  const glue = await start();
  const stack: GlueTestStack = {
    s3,
    glue,
    client: glueClient(glue.endpoint),
    glueDir,
    crawlerLog,
    async restartGlue() {
      stack.client.destroy();
      await stack.glue.close();
      stack.glue = await start();
      stack.client = glueClient(stack.glue.endpoint);
    },
    async stop() {
      stack.client.destroy();
      await stack.glue.close();
      await s3.stop();
      await rm(glueDir, { recursive: true, force: true });
    },
  };
  return stack;
}

/** The real SDK client, pointed at the local endpoint with dummy credentials. */
export function glueClient(endpoint: string): GlueClient {
  return new GlueClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
}

/** Uploads objects (key → body) a few at a time. */
export async function putObjects(
  s3: TestS3,
  bucket: string,
  objects: Record<string, string | Uint8Array>,
): Promise<void> {
  const limit = pLimit(16);
  await Promise.all(
    Object.entries(objects).map(([key, body]) =>
      limit(() => s3.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }))),
    ),
  );
}

/** Polls GetCrawler until the crawler is READY again (bounded: fails rather than hangs). */
export async function waitForCrawlerReady(client: GlueClient, name: string): Promise<Crawler> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const { Crawler: crawler } = await client.send(new GetCrawlerCommand({ Name: name }));
    if (crawler?.State === 'READY') return crawler;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`crawler ${name} did not become READY`);
}

/** Debian's AWS CLI v2 where installed (a pyenv shim may shadow it on PATH), else `aws`. */
const AWS_CLI = process.env.AWS_CLI ?? (existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws');
const run = promisify(execFile);

/** Runs `aws glue …` against the endpoint and parses its JSON output. */
export async function awsGlue(endpoint: string, args: string[]): Promise<unknown> {
  const { stdout } = await run(
    AWS_CLI,
    ['glue', ...args, '--endpoint-url', endpoint, '--output', 'json'],
    {
      env: awsCliEnvironment(),
    },
  );
  return stdout.trim() === '' ? {} : JSON.parse(stdout);
}

/** Runs `aws glue …` expecting it to fail; returns what it printed on stderr. */
export async function awsGlueError(endpoint: string, args: string[]): Promise<string> {
  try {
    await run(AWS_CLI, ['glue', ...args, '--endpoint-url', endpoint], { env: awsCliEnvironment() });
  } catch (error) {
    return String((error as { stderr?: string }).stderr ?? '');
  }
  throw new Error(`aws glue ${args.join(' ')} succeeded`);
}

function awsCliEnvironment(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'x',
    AWS_SECRET_ACCESS_KEY: 'x',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_PAGER: '',
  };
}

/** Settles a call that should fail, giving its error (or undefined if it succeeded). */
export async function errorOf(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  return undefined;
}

/** Creates a crawler over the given include paths, runs it once and waits for it to finish. */
export async function crawlOnce(
  client: GlueClient,
  input: Omit<CreateCrawlerCommandInput, 'Role' | 'Targets'> & {
    paths: string[];
    exclusions?: string[];
  },
): Promise<Crawler> {
  const { paths, exclusions, ...crawler } = input;
  await client.send(
    new CreateCrawlerCommand({
      Role: 'AWSGlueServiceRole-local',
      DatabaseName: 'schoolfriends',
      Targets: { S3Targets: paths.map((Path) => ({ Path, Exclusions: exclusions })) },
      ...crawler,
    }),
  );
  return recrawl(client, crawler.Name);
}

/** Runs an existing crawler once more and waits for it to finish. */
export async function recrawl(client: GlueClient, name: string | undefined): Promise<Crawler> {
  await client.send(new StartCrawlerCommand({ Name: name }));
  return waitForCrawlerReady(client, name ?? '');
}
