import type { Writable } from 'node:stream';
import { ExitCode } from './exit-code.js';

/** Where commands write and how they report their exit code; tests pass their own. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  exitCode: ExitCode;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, exitCode: ExitCode.Ok };
}
