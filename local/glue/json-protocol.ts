import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GlueServiceError } from './glue-errors.js';

/** A JSON object as it arrives in a request body. */
export type JsonObject = { [member: string]: unknown };

const CONTENT_TYPE = 'application/x-amz-json-1.1';
/** Requests above this are refused: the largest legitimate Glue request is far smaller. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** The operation named by `X-Amz-Target: AWSGlue.<Operation>`, or the raw target otherwise. */
export function targetOperation(request: IncomingMessage): { service: string; operation: string } {
  const target = request.headers['x-amz-target'];
  const value = Array.isArray(target) ? (target[0] ?? '') : (target ?? '');
  const dot = value.indexOf('.');
  if (dot < 0) return { service: '', operation: value };
  return { service: value.slice(0, dot), operation: value.slice(dot + 1) };
}

/** Reads the JSON body; an empty body is `{}` as the SDKs send for operations without input. */
export async function readJsonBody(request: IncomingMessage): Promise<JsonObject> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) {
      throw new GlueServiceError('SerializationException', 'Request body is too large');
    }
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new GlueServiceError('SerializationException', 'Request body is not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new GlueServiceError('SerializationException', 'Request body must be a JSON object');
  }
  return parsed as JsonObject;
}

export function sendJson(response: ServerResponse, body: unknown): void {
  send(response, 200, JSON.stringify(body ?? {}), {});
}

/** Sends an error the way Glue does, so that SDKs map `__type` to their exception classes. */
export function sendError(response: ServerResponse, error: GlueServiceError): void {
  send(response, error.httpStatus, JSON.stringify({ __type: error.type, Message: error.message }), {
    'x-amzn-ErrorType': error.type,
  });
}

function send(
  response: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string>,
): void {
  response.writeHead(status, {
    'Content-Type': CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(body),
    'x-amzn-RequestId': randomUUID(),
    ...headers,
  });
  response.end(body);
}
