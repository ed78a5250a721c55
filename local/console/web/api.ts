import { type ApiError, CONSOLE_TOKEN_HEADER, type ConsoleSession } from '../console-api.js';

/** A non-2xx answer, with the sentence the server gave. */
export class ApiFailure extends Error {
  override readonly name = 'ApiFailure';
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
  ) {
    super(message);
  }
}

/** The console's own API: GETs as they are, POSTs with the session's token and a JSON body. */
export interface ConsoleApi {
  session: ConsoleSession;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
}

export async function openConsoleApi(): Promise<ConsoleApi> {
  const readSession = async () => answer<ConsoleSession>(await fetch('/api/session'));
  const api: ConsoleApi = {
    session: await readSession(),
    get: async (path) => answer(await fetch(path)),
    post: async (path, body) => {
      const send = () =>
        fetch(path, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [CONSOLE_TOKEN_HEADER]: api.session.token,
          },
          body: JSON.stringify(body),
        });
      const first = await send();
      if (first.status !== 403) return answer(first);
      // The stack was restarted on the same port since the page loaded: its token is new.
      api.session = await readSession();
      return answer(await send());
    },
  };
  return api;
}

async function answer<T>(response: Response): Promise<T> {
  const text = await response.text();
  if (response.ok) return JSON.parse(text) as T;
  const failure = parseError(text);
  throw new ApiFailure(
    response.status,
    failure?.error ?? `HTTP ${response.status}`,
    failure?.message ?? (text || response.statusText),
  );
}

function parseError(text: string): ApiError | undefined {
  try {
    const parsed = JSON.parse(text) as Partial<ApiError>;
    return typeof parsed.message === 'string'
      ? { error: String(parsed.error ?? ''), message: parsed.message }
      : undefined;
  } catch {
    return undefined;
  }
}
