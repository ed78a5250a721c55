import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where a running stack answers, kept in its folder while it runs: `backfill --dir`, `tables`
 * and the commands a console serves read it. Light on purpose (no SDK): `executions` reads
 * it before deciding what to load.
 */
export interface RunningStackEndpoints {
  s3Endpoint: string;
  glueEndpoint: string;
  bucket: string;
  pid: number;
  /** The control API and console of `local up` (`local run` serves none). */
  consoleUrl?: string;
  /** Its per-start token: a CLI process of the same user may POST with it. */
  token?: string;
}

export const ENDPOINTS_FILE = 'stack-endpoints.json';

/**
 * Readable by the user alone (mode 0600): it holds the console's token, which guards against
 * web pages, not against local users, so other users must not read it.
 */
export function writeRunningStack(dir: string, endpoints: RunningStackEndpoints): void {
  const path = join(dir, ENDPOINTS_FILE);
  writeFileSync(path, `${JSON.stringify(endpoints, null, 2)}\n`, { mode: 0o600 });
  // A file left by a killed stack keeps its old mode through writeFileSync.
  chmodSync(path, 0o600);
}

/** What the stack running on the folder wrote; undefined before it did (or with none). */
export function readRunningStack(dir: string): RunningStackEndpoints | undefined {
  const path = join(dir, ENDPOINTS_FILE);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as RunningStackEndpoints;
  } catch {
    // Caught mid-write by a stack starting: as if not written yet.
    return undefined;
  }
}
