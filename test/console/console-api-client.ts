import { request } from 'node:http';
import {
  CONSOLE_TOKEN_HEADER,
  type ConsoleEvent,
  type ConsoleRow,
  type ExecutionRow,
} from '../../local/console/console-api.js';

/** What the control API answered: status, headers, the JSON body (or text). */
export interface ApiAnswer<T = unknown> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
}

/**
 * A raw HTTP request to the console, every header as given (fetch would not let a test set
 * Host, nor leave Origin off a browser-like request).
 */
export async function rawRequest<T = unknown>(
  url: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<ApiAnswer<T>> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: hostname,
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // Not JSON (the page, its script): the text.
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: body as T });
        });
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** The console's API as its page uses it: its own Host, JSON bodies, the token on POSTs. */
export function consoleApi(console: { url: string; token: string }) {
  const host = new URL(console.url).host;
  return {
    get: <T>(path: string) => rawRequest<T>(console.url, { path, headers: { host } }),
    post: <T>(path: string, body: unknown) =>
      rawRequest<T>(console.url, {
        method: 'POST',
        path,
        headers: {
          host,
          origin: console.url.replace(/\/$/, ''),
          'content-type': 'application/json',
          [CONSOLE_TOKEN_HEADER]: console.token,
        },
        body: JSON.stringify(body),
      }),
    async rows(query = ''): Promise<ConsoleRow[]> {
      const answer = await this.get<{ rows: ConsoleRow[] }>(`/api/executions${query}`);
      if (answer.status !== 200)
        throw new Error(`GET /api/executions: ${JSON.stringify(answer.body)}`);
      return answer.body.rows;
    },
  };
}

/** Polls until `find` returns something (the stack works on its own; no time is asserted). */
export async function eventually<T>(find: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let attempt = 0; attempt < 1200; attempt++) {
    const found = await find();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`never: ${what}`);
}

/** The execution row of a table once it stopped running. */
export async function endedExecutionOf(
  api: ReturnType<typeof consoleApi>,
  table: string,
): Promise<ExecutionRow> {
  return eventually(async () => {
    const rows = await api.rows(`?table=${encodeURIComponent(table)}&kind=execution`);
    const row = rows[0];
    return row?.kind === 'execution' && row.status !== 'RUNNING' ? row : undefined;
  }, `an execution of ${table} ended`);
}

/** GET /api/events, its ConsoleEvents collected as they come. */
export async function openEventStream(console: { url: string }): Promise<{
  events: ConsoleEvent[];
  contentType: string | undefined;
  close(): void;
}> {
  const { hostname, port, host } = new URL(console.url);
  const events: ConsoleEvent[] = [];
  return new Promise((resolve, reject) => {
    const req = request(
      { host: hostname, port, path: '/api/events', headers: { host, accept: 'text/event-stream' } },
      (res) => {
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            const message = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            for (const line of message.split('\n')) {
              if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)) as ConsoleEvent);
            }
            end = buffer.indexOf('\n\n');
          }
        });
        resolve({
          events,
          contentType: res.headers['content-type'],
          close: () => req.destroy(),
        });
      },
    );
    req.on('error', (error) => {
      if (!req.destroyed) reject(error);
    });
    req.end();
  });
}
