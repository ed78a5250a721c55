import { PassThrough } from 'node:stream';
import type { CliIo } from '../../cli/cli-io.js';
import { ExitCode } from '../../cli/exit-code.js';
import { runCli } from '../../cli/main.js';

/** Runs the CLI in-process and returns its exit code and output. */
export async function runCliInProcess(args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const io: CliIo = { stdout, stderr, exitCode: ExitCode.Ok };
  const exitCode = await runCli(['node', 'csv-catalog', ...args], io);
  return { exitCode, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}
