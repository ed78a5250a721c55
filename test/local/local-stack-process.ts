import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { AWS_DUMMY_ENV } from './local-test-support.js';

const ENTRY = fileURLToPath(new URL('./csv-catalog-cli-entry.ts', import.meta.url));

/** `csv-catalog <args>` in a process of its own, its stdout collected as it comes. */
export interface CliProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when stdout matches, rejects on exit or after `timeoutMs`. */
  waitForStdout(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

export function startCliProcess(args: string[]): CliProcess {
  const child = spawn(
    process.execPath,
    ['--openssl-legacy-provider', '--import', 'tsx', ENTRY, ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      // A user's dummy credentials, as the banner says to export: the stack must take them.
      env: { ...process.env, ...AWS_DUMMY_ENV },
    },
  );
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitForStdout(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(out);
          if (!match) return;
          done();
          resolve(match);
        };
        const onExit = (code: number | null) => {
          done();
          reject(new Error(`exited with ${code} before printing ${pattern}:\n${out}\n${err}`));
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${out}\n${err}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          child.stdout?.off('data', check);
          child.off('exit', onExit);
        };
        child.stdout?.on('data', check);
        child.once('exit', onExit);
        check();
        if (child.exitCode !== null && !pattern.exec(out)) onExit(child.exitCode);
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const [code] = await exited;
      return code;
    },
  };
}
