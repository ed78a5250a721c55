import { PassThrough } from 'node:stream';
import { CommanderError } from 'commander';
import type { CliIo } from '../../cli/cli-io.js';
import { registerExecutionsCommand } from '../../cli/commands/executions.js';
import { registerReplayCommand } from '../../cli/commands/replay.js';
import { ExitCode } from '../../cli/exit-code.js';
import { makeProgram } from '../../cli/main.js';
import { describeError } from '../../shared/errors.js';

/**
 * Runs `csv-catalog <args>` in-process like test/support/run-cli.ts, with the AWS commands
 * registered here until cli/main.ts registers them itself.
 */
export async function runAwsCli(args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const io: CliIo = { stdout, stderr, exitCode: ExitCode.Ok };
  const program = makeProgram(io).exitOverride();
  const has = (name: string) => program.commands.some((c) => c.name() === name);
  if (!has('executions')) registerExecutionsCommand(program, io);
  if (!has('replay')) registerReplayCommand(program, io);
  for (const command of program.commands) command.exitOverride();
  let exitCode: ExitCode;
  try {
    await program.parseAsync(['node', 'csv-catalog', ...args]);
    exitCode = io.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      exitCode = error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    } else {
      io.stderr.write(`csv-catalog: ${describeError(error)}\n`);
      exitCode = ExitCode.Error;
    }
  }
  return { exitCode, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}
