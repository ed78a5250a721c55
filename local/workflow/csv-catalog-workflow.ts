import type { GlueClient } from '@aws-sdk/client-glue';
import type { S3Client } from '@aws-sdk/client-s3';
import { createCheckSnapshotHandler } from '../../functions/check-snapshot/handler.js';
import { createCoerceSchemaHandler } from '../../functions/coerce-schema/handler.js';
import { createDecideCrawlHandler } from '../../functions/decide-crawl/handler.js';
import { createDescribeCrawlFailureHandler } from '../../functions/describe-crawl-failure/handler.js';
import { createEnsureCrawlerHandler } from '../../functions/ensure-crawler/handler.js';
import { createLoadRowsHandler } from '../../functions/load-rows/handler.js';
import { createSyncRdsDdlHandler } from '../../functions/sync-rds-ddl/handler.js';
import type { Config } from '../../shared/config/config-schema.js';
import { WorkflowSetupInvalid } from '../../shared/errors.js';
import { SdkGlueCatalog } from '../../shared/glue/sdk-glue-catalog.js';
import { createLogger, type Logger } from '../../shared/logging/logger.js';
import type { MysqlSettings } from '../../shared/mysql/mysql-settings.js';
import type { ExecutionStore } from './execution-store.js';
import { glueTaskStandIn, isLocalGlueAction } from './glue-task-stand-in.js';
import {
  asLambdaHandler,
  type LambdaHandler,
  lambdaInvokeStandIn,
  type TaskHandler,
} from './lambda-stand-in.js';
import { LocalWorkflowRunner, type LocalWorkflowRunnerOptions } from './local-workflow-runner.js';
import { readStateMachine, taskStates } from './state-machine-file.js';

/** The workflow's Lambda Task states; each calls `${<StateName>FunctionArn}`. */
export const LAMBDA_STATES = [
  'CheckSnapshot',
  'EnsureCrawler',
  'DecideCrawl',
  'DescribeCrawlFailure',
  'CoerceSchema',
  'SyncRdsDdl',
  'LoadRows',
] as const;
export type LambdaStateName = (typeof LAMBDA_STATES)[number];

/** What the handlers get locally where on AWS they read their environment. */
export interface LocalWorkflowDependencies {
  config: Config;
  s3: S3Client;
  glue: GlueClient;
  /** Resolved on every SyncRdsDdl and LoadRows invocation, as on AWS. */
  mysqlSettings: () => Promise<MysqlSettings>;
  /** The role new crawlers get; any string for the local endpoint. */
  crawlerRole?: string;
  logger?: Logger;
}

/** The very handlers the Lambdas export, built on local collaborators. */
export function csvCatalogLambdas(
  deps: LocalWorkflowDependencies,
): Record<LambdaStateName, LambdaHandler> {
  const logger = deps.logger ?? createLogger();
  const catalog = new SdkGlueCatalog(deps.glue);
  const { config, s3 } = deps;
  const crawlerRole = deps.crawlerRole ?? 'arn:aws:iam::000000000000:role/csv-catalog-crawler';
  return {
    CheckSnapshot: asLambdaHandler(
      createCheckSnapshotHandler(async () => ({ s3, config, logger })),
    ),
    EnsureCrawler: asLambdaHandler(
      createEnsureCrawlerHandler(async () => ({ catalog, config, crawlerRole, logger })),
    ),
    DecideCrawl: asLambdaHandler(
      createDecideCrawlHandler(async () => ({ catalog, s3, config, logger })),
    ),
    DescribeCrawlFailure: asLambdaHandler(
      createDescribeCrawlFailureHandler(async () => ({ s3, config, logger })),
    ),
    CoerceSchema: asLambdaHandler(
      createCoerceSchemaHandler(async () => ({ catalog, s3, config, logger })),
    ),
    SyncRdsDdl: asLambdaHandler(
      createSyncRdsDdlHandler(async () => ({
        catalog,
        s3,
        config,
        mysqlSettings: deps.mysqlSettings,
        logger,
      })),
    ),
    // A Task the state machine loops over (IsLoadDone): each invocation is one chunk, and the
    // handler, like a warm Lambda, keeps its collaborators between them.
    LoadRows: asLambdaHandler(
      createLoadRowsHandler(async () => ({
        catalog,
        s3,
        config,
        mysqlSettings: deps.mysqlSettings,
        logger,
      })),
    ),
  };
}

export interface LocalWorkflowOptions {
  deps: LocalWorkflowDependencies;
  /** Replaces handlers by state name (tests wrap the real ones). */
  lambdas?: Partial<Record<LambdaStateName, LambdaHandler>>;
  /** Default 100 ms per Wait state instead of the configured poll interval. */
  waitMs?: number;
  /** Default 50 ms between retries instead of the ASL's backoff. */
  retryIntervalMs?: number;
  store?: ExecutionStore;
  /** Every history event as it happens. */
  onEvent?: LocalWorkflowRunnerOptions['onEvent'];
  /** Another ASL file (default: statemachines/csv-catalog.asl.json). */
  aslPath?: string;
}

/**
 * The workflow as the local stack runs it: the ASL file, its Lambda states mapped to the
 * handlers in-process and its `aws-sdk:glue:*` states to SDK calls on the given Glue client.
 */
export async function createLocalWorkflow(
  options: LocalWorkflowOptions,
): Promise<LocalWorkflowRunner> {
  const definition = await readStateMachine(options.aslPath);
  const lambdas = { ...csvCatalogLambdas(options.deps), ...options.lambdas };
  const taskHandlers: Record<string, TaskHandler> = {};
  for (const task of taskStates(definition)) {
    taskHandlers[task.stateName] = standInFor(task, lambdas, options.deps.glue);
  }
  return LocalWorkflowRunner.create({
    definition,
    taskHandlers,
    waitMs: options.waitMs ?? 100,
    retryIntervalMs: options.retryIntervalMs ?? 50,
    store: options.store,
    onEvent: options.onEvent,
  });
}

function standInFor(
  task: ReturnType<typeof taskStates>[number],
  lambdas: Record<string, LambdaHandler | undefined>,
  glue: GlueClient,
): TaskHandler {
  const handler = lambdas[task.stateName];
  if (task.resource === 'arn:aws:states:::lambda:invoke' && handler) {
    return lambdaInvokeStandIn(task.stateName, handler);
  }
  if (task.sdk?.service === 'glue' && isLocalGlueAction(task.sdk.action)) {
    return glueTaskStandIn(glue, task.sdk.action);
  }
  throw new WorkflowSetupInvalid(
    `Task state ${task.stateName} (${task.resource}) has no local stand-in`,
  );
}
