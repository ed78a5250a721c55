import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createS3Client } from '../../shared/aws/s3-client.js';
import { ownEntry } from '../../shared/config/own-entry.js';
import { CrawlScheduler } from './crawler/crawl-scheduler.js';
import { GlueServiceError } from './glue-errors.js';
import type { GlueFaultInjector } from './glue-fault-injector.js';
import type { GlueContext, GlueOperations } from './glue-operation.js';
import { readJsonBody, sendError, sendJson, targetOperation } from './json-protocol.js';
import { classifierOperations } from './operations/classifiers.js';
import { crawlerDefinitionOperations } from './operations/crawler-definitions.js';
import { crawlerRunOperations } from './operations/crawler-runs.js';
import { databaseOperations } from './operations/databases.js';
import { partitionOperations } from './operations/partitions.js';
import { tableOperations } from './operations/tables.js';
import { StateStore } from './state-store.js';

export interface GlueEndpointOptions {
  /** Folder holding the catalog (one JSON file); a new endpoint on it sees the same catalog. */
  dir: string;
  /** The S3-compatible endpoint crawlers read from (the local S3 server). */
  s3Endpoint: string;
  /** 0 (the default) picks a free port. The endpoint listens on 127.0.0.1 only. */
  port?: number;
  /** A crawl lasts at least this long so that RUNNING can be observed; default 200 ms. */
  minCrawlMs?: number;
  /** Crawler log lines (what Glue writes to CloudWatch under /aws-glue/crawlers). */
  onCrawlerLog?: (crawlerName: string, message: string) => void;
  /** Test-only: faults injected into requests (glue-fault-injector.ts). None by default. */
  faults?: GlueFaultInjector;
}

export interface GlueEndpoint {
  /** http://127.0.0.1:<port>, for `endpoint` in GlueClient or `--endpoint-url` in the AWS CLI. */
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

const OPERATIONS: GlueOperations = {
  ...databaseOperations,
  ...tableOperations,
  ...partitionOperations,
  ...crawlerDefinitionOperations,
  ...crawlerRunOperations,
  ...classifierOperations,
};

/** The operations this endpoint answers, for documentation and tests. */
export const IMPLEMENTED_OPERATIONS: readonly string[] = Object.keys(OPERATIONS).sort();

/**
 * Starts a Glue-compatible endpoint on loopback: AWS Glue's JSON 1.1 protocol
 * (`POST /`, `X-Amz-Target: AWSGlue.<Operation>`), any credentials, a catalog kept in `dir`,
 * and crawlers that crawl the S3 endpoint for real.
 */
export async function startGlueEndpoint(options: GlueEndpointOptions): Promise<GlueEndpoint> {
  const store = await StateStore.open(options.dir);
  const s3 = createS3Client({ endpoint: options.s3Endpoint });
  const crawls = new CrawlScheduler({
    store,
    s3,
    minCrawlMs: options.minCrawlMs ?? 200,
    log: options.onCrawlerLog ?? (() => {}),
  });
  const context: GlueContext = { store, crawls };
  const { faults } = options;
  const server = createServer((request, response) => {
    if (faults?.intercept(targetOperation(request).operation, request, response)) return;
    handle(request, response, context).catch((error: unknown) => {
      sendError(response, internalError(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await crawls.close();
        await store.persist();
        s3.destroy();
      })();
      return closing;
    },
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  context: GlueContext,
): Promise<void> {
  try {
    if (request.method !== 'POST') {
      throw new GlueServiceError(
        'UnknownOperationException',
        'The local Glue endpoint takes POST / only.',
      );
    }
    const { service, operation: name } = targetOperation(request);
    // `AWSGlue.constructor` names no operation: only the table's own entries do.
    const operation = service === 'AWSGlue' ? ownEntry(OPERATIONS, name) : undefined;
    if (!operation) {
      request.resume();
      throw new GlueServiceError(
        'UnknownOperationException',
        service === 'AWSGlue'
          ? `Operation ${name} is not implemented by the local Glue endpoint (see local/glue/README.md).`
          : `Unknown target "${service}.${name}": expected X-Amz-Target: AWSGlue.<Operation>.`,
      );
    }
    const input = await readJsonBody(request);
    const output = await operation.run(input, context);
    if (operation.mutates) await context.store.persist();
    sendJson(response, output);
  } catch (error) {
    sendError(response, error instanceof GlueServiceError ? error : internalError(error));
  }
}

function internalError(error: unknown): GlueServiceError {
  const message = error instanceof Error ? error.message : String(error);
  return new GlueServiceError('InternalServiceException', message, 500);
}
