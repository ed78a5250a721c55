import { execFile } from 'node:child_process';
import { copyFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const PROBE = resolve(import.meta.dirname, 'handler-probe.mjs');

export interface ProbeResult {
  exports: string[];
  outcome: { ok: true; value: unknown } | { ok: false; name: string; message: string };
}

/** Unzips a function package into `dir` (a folder with no node_modules above it). */
export async function unpack(zip: string, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await exec('unzip', ['-q', '-o', zip, '-d', dir]);
}

/**
 * Imports `handlerFile` (relative to `dir`) in a fresh Node process started in `dir`, the way
 * the Lambda runtime does from /var/task, and invokes the handler once with `event`.
 */
export async function probeHandler(
  dir: string,
  handlerFile: string,
  event: unknown,
  env: Record<string, string>,
): Promise<ProbeResult> {
  await copyFile(PROBE, join(dir, 'handler-probe.mjs'));
  const { stdout } = await exec(
    process.execPath,
    ['handler-probe.mjs', handlerFile, JSON.stringify(event)],
    {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        AWS_REGION: 'us-east-1',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        POWERTOOLS_LOG_LEVEL: 'ERROR',
        ...env,
      },
    },
  );
  const line = stdout.split('\n').find((l) => l.startsWith('PROBE '));
  if (!line) throw new Error(`the probe printed no result:\n${stdout}`);
  return JSON.parse(line.slice('PROBE '.length)) as ProbeResult;
}

/** The npm packages an unminified esbuild bundle contains (its `// node_modules/…` markers). */
export function bundledPackages(bundle: string): Set<string> {
  const names = new Set<string>();
  for (const m of bundle.matchAll(/^\/\/ node_modules\/((?:@[^/\n]+\/)?[^/\n]+)\//gm)) {
    if (m[1]) names.add(m[1]);
  }
  return names;
}
