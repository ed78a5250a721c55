import { CONSOLE_TOKEN_HEADER } from '../local/console/console-api.js';
import { readRunningStack } from '../local/stack/running-stack-file.js';
import { stackRunsOn } from '../local/stack/stack-dir-lock.js';
import { CsvCatalogError, describeError } from '../shared/errors.js';

/** The control API answered with an error (or did not answer); the message is the server's. */
export class ConsoleRequestFailed extends CsvCatalogError {
  public override name = 'ConsoleRequestFailed';
  constructor(
    message: string,
    /** The HTTP status; 0 when the console did not answer at all. */
    public readonly status: number,
    /** The ApiError's `error`: ExecutionNotFound, ExecutionNotRedrivable, BadRequest, … */
    public readonly error: string,
  ) {
    super(message);
  }
}

/**
 * The control API of the `local up` running on a folder, as a CLI process of the same user
 * calls it: the token from the running-stack file, JSON both ways.
 */
export class ConsoleClient {
  constructor(
    readonly url: string,
    private readonly token: string,
  ) {}

  get<T>(path: string): Promise<T> {
    return this.send<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('POST', path, body);
  }

  private async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const target = new URL(path, this.url);
    let response: Response;
    try {
      response = await fetch(target, {
        method,
        headers:
          method === 'POST'
            ? { 'content-type': 'application/json', [CONSOLE_TOKEN_HEADER]: this.token }
            : {},
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new ConsoleRequestFailed(
        `the local stack's console at ${this.url} does not answer: ${describeError((error as Error).cause ?? error)}`,
        0,
        'ConsoleUnreachable',
      );
    }
    const text = await response.text();
    if (response.ok) return JSON.parse(text) as T;
    const failure = apiError(text);
    throw new ConsoleRequestFailed(
      failure?.message ?? `${method} ${target.pathname}: HTTP ${response.status}`,
      response.status,
      failure?.error ?? `HTTP${response.status}`,
    );
  }
}

/**
 * The console of the stack running on `dir`, when one runs there and serves one (`local up`);
 * undefined when none runs or it serves none (`local run`): commands then work as before.
 */
export function runningConsole(dir: string): ConsoleClient | undefined {
  if (!stackRunsOn(dir)) return undefined;
  const running = readRunningStack(dir);
  if (!running?.consoleUrl || !running.token) return undefined;
  return new ConsoleClient(running.consoleUrl, running.token);
}

function apiError(text: string): { error: string; message: string } | undefined {
  try {
    const parsed = JSON.parse(text) as { error?: unknown; message?: unknown };
    return typeof parsed.message === 'string'
      ? { error: String(parsed.error ?? ''), message: parsed.message }
      : undefined;
  } catch {
    return undefined;
  }
}
