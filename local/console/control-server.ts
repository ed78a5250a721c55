import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../../shared/config/config-schema.js';
import { CsvCatalogError, describeError } from '../../shared/errors.js';
import type { FilingOutcome } from '../../shared/filing/filing-outcome.js';
import { describeMysqlSettings, type MysqlSettings } from '../../shared/mysql/mysql-settings.js';
import type { LocalStack } from '../stack/local-stack.js';
import type { ExecutionRecord, HistoryEvent } from '../workflow/execution-record.js';
import { dropRecordOf } from '../workflow/folder-drop-store.js';
import {
  parseBackfillRequest,
  parseDetailQuery,
  parseExecutionsQuery,
  parseSyncRequest,
  parseTablesQuery,
} from './api-requests.js';
import type { ApiError, ConsoleEvent, ConsoleSession } from './console-api.js';
import type { ConsoleAssets } from './console-assets.js';
import {
  ConsoleBadRequest,
  ConsolePortInUse,
  ConsoleRequestRefused,
  ConsoleRouteNotFound,
} from './console-errors.js';
import { fileRow } from './console-rows.js';
import { MINIMAL_CONSOLE_ASSETS } from './default-console-assets.js';
import { EventStream } from './event-stream.js';
import { guardRequest } from './request-guard.js';
import { StackOperations } from './stack-operations.js';

export type { ConsoleAssets };

export interface ConsoleServerOptions {
  stack: LocalStack;
  config: Config;
  mysql: MysqlSettings;
  /** The stack's folder as the user gave it (--dir). */
  dir: string;
  /** 0 picks a free port. */
  port: number;
  /** `--ddl-out`: MySQL is not used. */
  ddlOut?: string;
  /** The page and its script and style (default: a minimal page naming the API). */
  assets?: ConsoleAssets;
}

export interface ConsoleServer {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** New at every start: a POST must carry it (CONSOLE_TOKEN_HEADER). */
  token: string;
  close(): Promise<void>;
}

/** The largest request body taken (a sync of many tables is a few KB). */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The control API and console of a running local stack, on loopback only. Every operation is
 * StackOperations'; this file is HTTP: guards, routes, JSON, the event stream, the page.
 */
export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  const token = randomBytes(32).toString('base64url');
  const operations = new StackOperations(options);
  const events = new EventStream();
  const assets = options.assets ?? MINIMAL_CONSOLE_ASSETS;
  let port = options.port;
  const server = createServer((request, response) => {
    handle(request, response).catch((error) => answerError(response, error));
  });
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    guardRequest(request, port, token);
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const route = `${request.method} ${url.pathname}`;
    const execution = /^\/api\/executions\/([^/]+)(\/redrive)?$/.exec(url.pathname);
    if (execution?.[1] !== undefined) {
      const name = decodeName(execution[1]);
      if (execution[2] && request.method === 'POST') {
        return answerJson(response, 200, await operations.redrive(name));
      }
      if (!execution[2] && request.method === 'GET') {
        return answerJson(
          response,
          200,
          operations.detail(name, parseDetailQuery(url.searchParams)),
        );
      }
    }
    switch (route) {
      case 'GET /':
        return answerAsset(response, 'text/html; charset=utf-8', assets.html);
      case 'GET /console.js':
        return answerAsset(response, 'text/javascript; charset=utf-8', assets.js);
      case 'GET /console.css':
        return answerAsset(response, 'text/css; charset=utf-8', assets.css);
      case 'GET /api/session':
        return answerJson(response, 200, session(options, token));
      case 'GET /api/state-machine':
        return answerJson(response, 200, operations.stateMachine());
      case 'GET /api/executions':
        return answerJson(response, 200, {
          rows: operations.rows(parseExecutionsQuery(url.searchParams)),
        });
      case 'GET /api/tables':
        return answerJson(response, 200, {
          tables: await operations.tables(parseTablesQuery(url.searchParams)),
        });
      case 'GET /api/stack-state':
        return answerJson(response, 200, await operations.state());
      case 'POST /api/sync': {
        const body = parseSyncRequest(await readJson(request));
        return answerJson(response, 200, { outcomes: await operations.sync(body) });
      }
      case 'POST /api/backfill': {
        const body = parseBackfillRequest(await readJson(request));
        return answerJson(response, 200, { outcomes: await operations.backfill(body) });
      }
      case 'GET /api/events':
        return events.add(response);
    }
    throw new ConsoleRouteNotFound(`no route ${request.method} ${url.pathname}`);
  };
  await listen(server, options.port).catch((error) => {
    events.close();
    throw error;
  });
  port = (server.address() as AddressInfo).port;
  const unsubscribe = options.stack.subscribe({
    onExecutionEvent: (record, event) =>
      quietly(events, () => executionEvent(operations, record, event)),
    onFiling: (outcome) => quietly(events, () => filingEvent(outcome)),
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    token,
    async close() {
      unsubscribe();
      events.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** Loopback only; a port taken says which option picks another. */
async function listen(server: Server, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new ConsolePortInUse(
              `the console's port 127.0.0.1:${port} is taken by another process: give another --console-port (0 picks a free one)`,
            )
          : error,
      );
    };
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function session(options: ConsoleServerOptions, token: string): ConsoleSession {
  const { stack } = options;
  return {
    token,
    bucket: stack.bucket,
    s3Endpoint: stack.s3Endpoint,
    glueEndpoint: stack.glueEndpoint,
    database: options.config.glue.database,
    // describeMysqlSettings never shows the password.
    mysql: options.ddlOut
      ? `DDL to ${options.ddlOut}`
      : `mysql://${describeMysqlSettings(options.mysql)}`,
    dir: options.dir,
    stateMachine: stack.workflow.name,
  };
}

function executionEvent(
  operations: StackOperations,
  record: ExecutionRecord,
  event: HistoryEvent,
): ConsoleEvent {
  return { type: 'execution', row: operations.row(record), event };
}

function filingEvent(outcome: FilingOutcome): ConsoleEvent | undefined {
  if (outcome.status === 'filed') {
    return {
      type: 'filed',
      sourceKey: outcome.sourceKey,
      table: outcome.table,
      ...(outcome.execution ? { execution: outcome.execution.name } : {}),
    };
  }
  const drop = dropRecordOf(outcome, new Date());
  return drop ? { type: 'file', row: fileRow(drop) } : undefined;
}

/**
 * Sends what the stack just did to the event stream's clients, if any. A listener of the
 * stack must never break the runner or the filing that calls it.
 */
function quietly(events: EventStream, event: () => ConsoleEvent | undefined): void {
  if (events.size === 0) return;
  try {
    const built = event();
    if (built) events.send(built);
  } catch {
    // The console misses one event; the page reloads its list on the next.
  }
}

function decodeName(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ConsoleBadRequest(`not a percent-encoded execution name: ${segment}`);
  }
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES)
      throw new ConsoleBadRequest(`body: more than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ConsoleBadRequest('body: not JSON');
  }
}

/** Headers every answer has: nothing cached, nothing framed, scripts from this origin only. */
function commonHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'self'",
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
  };
}

function answerAsset(response: ServerResponse, contentType: string, body: string): void {
  response.writeHead(200, commonHeaders(contentType));
  response.end(body);
}

function answerJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, commonHeaders('application/json; charset=utf-8'));
  response.end(JSON.stringify(body));
}

/** Every failure as an ApiError with the status its kind calls for. */
function answerError(response: ServerResponse, error: unknown): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const status = statusOf(error);
  const body: ApiError = {
    error: error instanceof CsvCatalogError ? error.name : 'InternalError',
    message: describeError(error),
  };
  answerJson(response, status, body);
}

function statusOf(error: unknown): number {
  if (error instanceof ConsoleRequestRefused) return 403;
  if (error instanceof ConsoleBadRequest) return 400;
  if (error instanceof ConsoleRouteNotFound) return 404;
  if (error instanceof CsvCatalogError && error.name === 'ExecutionNotFound') return 404;
  if (error instanceof CsvCatalogError && error.name === 'ExecutionNotRedrivable') return 409;
  return 500;
}
