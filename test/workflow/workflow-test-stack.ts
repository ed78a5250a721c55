import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { GetTableCommand, type GlueClient } from '@aws-sdk/client-glue';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { type GlueEndpoint, startGlueEndpoint } from '../../local/glue/glue-endpoint.js';
import {
  createLocalWorkflow,
  csvCatalogLambdas,
  type LambdaStateName,
  type LocalWorkflowDependencies,
} from '../../local/workflow/csv-catalog-workflow.js';
import type { LambdaHandler } from '../../local/workflow/lambda-stand-in.js';
import type {
  ExecutionResult,
  LocalWorkflowRunner,
} from '../../local/workflow/local-workflow-runner.js';
import { CSV_CATALOG_ASL } from '../../local/workflow/state-machine-file.js';
import { createGlueClient } from '../../shared/aws/glue-client.js';
import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import type { Config, ConfigInput } from '../../shared/config/config-schema.js';
import { defaultConfig } from '../../shared/config/load-config.js';
import { fileCsvObject } from '../../shared/filing/file-csv-object.js';
import type { FilingOutcome } from '../../shared/filing/filing-outcome.js';
import { createLogger } from '../../shared/logging/logger.js';
import { type MysqlSettings, makeMysqlSettings } from '../../shared/mysql/mysql-settings.js';
import type { WorkflowInput, WorkflowStarter } from '../../shared/workflow/workflow-input.js';
import { openTestDatabase, type TestDatabase, testMysqlSettings } from '../mysql/test-database.js';
import type { TestS3 } from '../support/local-s3.js';
import { TEACHER_COLUMNS } from '../support/school-teacher.js';

/**
 * One test's world: its own bucket on the file's S3 server, its own Glue endpoint (crawler
 * names are global to an endpoint), its own Glue and MySQL databases, and the local workflow.
 */
export interface WorkflowTestStack {
  bucket: string;
  config: Config;
  glue: GlueEndpoint;
  glueClient: GlueClient;
  db: TestDatabase;
  runner: LocalWorkflowRunner;
  /** The real handlers, as the workflow's Lambda states call them (before test overrides). */
  handlers: Record<LambdaStateName, LambdaHandler>;
  /** MySQL settings pointing at this test's database. */
  mysql: MysqlSettings;
  /** Drops a file at the bucket root, files it as the file-upload Lambda does, runs the workflow. */
  drop(fileName: string, body: string | Uint8Array): Promise<DropResult>;
  /** Files a dropped file, starting its execution on `workflow` (default: the runner), no wait. */
  fileOnly(
    fileName: string,
    body: string | Uint8Array,
    workflow?: WorkflowStarter,
  ): Promise<FilingOutcome>;
  /** The catalog table's columns as [name, type]. */
  catalogColumns(table: string): Promise<string[][]>;
  stop(): Promise<void>;
}

export interface DropResult {
  outcome: FilingOutcome;
  execution: ExecutionResult;
}

export interface WorkflowTestOptions {
  config?: ConfigInput;
  /** Minimum crawl time of the Glue endpoint (default 200 ms). */
  minCrawlMs?: number;
  /** Replaces handlers by state name, given the real ones. */
  lambdas?: (
    real: Record<LambdaStateName, LambdaHandler>,
    stack: { mysql: MysqlSettings },
  ) => Partial<Record<LambdaStateName, LambdaHandler>>;
  mysqlSettings?: (mysql: MysqlSettings) => () => Promise<MysqlSettings>;
  /** Where the handlers' log lines go (INFO and up), as a Lambda's go to CloudWatch. */
  logLines?: string[];
}

let count = 0;

export async function startWorkflowStack(
  s3: TestS3,
  options: WorkflowTestOptions = {},
): Promise<WorkflowTestStack> {
  const n = ++count;
  const bucket = `workflow-${process.pid}-${n}`;
  await s3.client.send(new CreateBucketCommand({ Bucket: bucket }));
  const glueDir = await mkdtemp(join(tmpdir(), 'csv-catalog-wf-glue-'));
  const glue = await startGlueEndpoint({
    dir: glueDir,
    s3Endpoint: s3.endpoint,
    minCrawlMs: options.minCrawlMs ?? 200,
  });
  const glueClient = createGlueClient({ endpoint: glue.endpoint });
  const db = await openTestDatabase();
  const mysql = makeMysqlSettings({ ...testMysqlSettings(), database: db.database });
  const config = defaultConfig({
    ...options.config,
    glue: { database: `wf_${process.pid}_${n}` },
    crawl: { pollIntervalSeconds: 1, ...options.config?.crawl },
  });
  const deps: LocalWorkflowDependencies = {
    config,
    s3: s3.client,
    glue: glueClient,
    mysqlSettings: options.mysqlSettings?.(mysql) ?? (async () => mysql),
    logger: options.logLines
      ? createLogger({ logLevel: 'INFO', stream: lineCollector(options.logLines) })
      : createLogger({ logLevel: 'SILENT' }),
  };
  const handlers = csvCatalogLambdas(deps);
  const lambdas = options.lambdas?.(handlers, { mysql });
  const runner = await createLocalWorkflow({ deps, lambdas, waitMs: 50, retryIntervalMs: 20 });
  const store = new S3ObjectStore(s3.client, bucket);

  const fileOnly = async (
    fileName: string,
    body: string | Uint8Array,
    workflow: WorkflowStarter = runner,
  ) => {
    await s3.client.send(new PutObjectCommand({ Bucket: bucket, Key: fileName, Body: body }));
    return fileCsvObject({ key: fileName }, { store, config, workflow });
  };
  return {
    bucket,
    config,
    glue,
    glueClient,
    db,
    runner,
    handlers,
    mysql,
    fileOnly,
    async catalogColumns(table) {
      const { Table } = await glueClient.send(
        new GetTableCommand({ DatabaseName: config.glue.database, Name: table }),
      );
      return (Table?.StorageDescriptor?.Columns ?? []).map((c) => [c.Name ?? '', c.Type ?? '']);
    },
    async drop(fileName, body) {
      const outcome = await fileOnly(fileName, body);
      if (outcome.status !== 'filed' || !outcome.execution) {
        throw new Error(`${fileName} was not filed: ${JSON.stringify(outcome)}`);
      }
      return { outcome, execution: await runner.wait(outcome.execution.name) };
    },
    async stop() {
      await runner.close();
      glueClient.destroy();
      await glue.close();
      await db.drop();
      await rm(glueDir, { recursive: true, force: true });
    },
  };
}

/** How one state of an execution fared. */
export function stateOf(execution: ExecutionResult, name: string) {
  return execution.states.find((s) => s.name === name);
}

/** A WorkflowStarter that only records what it is asked to start (to start it later). */
export class DeferredStarter implements WorkflowStarter {
  public readonly started: { name: string; input: WorkflowInput }[] = [];
  async start(name: string, input: WorkflowInput) {
    this.started.push({ name, input });
    return { name, alreadyStarted: false };
  }
}

/** An all-string school_teacher dump: the built-in classifier would name its columns col0…. */
export function teacherCsv(rows = 3, extraColumns: string[] = []): string {
  const header = [...TEACHER_COLUMNS, ...extraColumns];
  const lines = Array.from({ length: rows }, (_, i) =>
    header.map((column) => `${column.slice(0, 3)}${String.fromCharCode(97 + (i % 26))}`).join(','),
  );
  return `${[header.join(','), ...lines].join('\n')}\n`;
}

export { TEACHER_COLUMNS };

/**
 * The Payload a Lambda Task state hands its function, built from the state's recorded input
 * the way the ASL's `Parameters.Payload` does (`"name.$": "$.name"`): what a redrive sends.
 */
export function taskPayload(state: string, stateInput: unknown): Record<string, unknown> {
  const definition = JSON.parse(readFileSync(CSV_CATALOG_ASL, 'utf8')) as {
    States: Record<string, { Parameters?: { Payload?: Record<string, string> } }>;
  };
  const template = definition.States[state]?.Parameters?.Payload ?? {};
  // A path into the state: `$.load.offset` reads load, then offset.
  const at = (path: string) =>
    path
      .replace(/^\$\./, '')
      .split('.')
      .reduce<unknown>(
        (value, name) => (value as Record<string, unknown> | undefined)?.[name],
        stateInput,
      );
  // `$$.` paths read the context object, which a replayed step does without.
  return Object.fromEntries(
    Object.entries(template)
      .filter(([, path]) => !path.startsWith('$$.'))
      .map(([name, path]) => [name.replace(/\.\$$/, ''), at(path)]),
  );
}

/** A stream that keeps each line written to it. */
function lineCollector(lines: string[]): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      lines.push(
        ...String(chunk)
          .split('\n')
          .filter((line) => line.trim() !== ''),
      );
      done();
    },
  });
}
