import { Command, CommanderError } from 'commander';
import { describeError } from '../shared/errors.js';
import { type CliIo, processIo } from './cli-io.js';
import { registerBackfillCommand } from './commands/backfill.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerExecutionsCommand } from './commands/executions.js';
import { registerLocalGlueCommand } from './commands/local-glue.js';
import { registerLocalRunCommand } from './commands/local-run.js';
import { registerLocalUpCommand } from './commands/local-up.js';
import { registerReplayCommand } from './commands/replay.js';
import { registerSyncCommand } from './commands/sync.js';
import { registerTablesCommand } from './commands/tables.js';
import { ExitCode } from './exit-code.js';
import { MysqlTargetMismatch } from './stack-mysql-target.js';

/** Builds the csv-catalog program; tests run it in-process with their own io. */
export function makeProgram(io: CliIo = processIo()): Command {
  const program = new Command('csv-catalog')
    .description(
      'File dropped CSV dumps into table prefixes, keep Glue crawlers and string-typed catalog tables, and mirror the tables in MySQL.',
    )
    // Set before the subcommands exist, so that they inherit it: a usage error throws.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError()
    .addHelpText(
      'after',
      `\nExit codes:\n${Object.entries(ExitCode)
        .filter(([, v]) => typeof v === 'number')
        .map(([k, v]) => `  ${v}  ${k}`)
        .join('\n')}`,
    );
  registerBackfillCommand(program, io);
  registerSyncCommand(program, io);
  registerExecutionsCommand(program, io);
  registerTablesCommand(program, io);
  registerReplayCommand(program, io);
  registerDemoCommand(program, io);
  const local = program
    .command('local')
    .description(
      'The whole pipeline on this machine: local S3, Glue endpoint and workflow runner.',
    );
  registerLocalUpCommand(local, io);
  registerLocalRunCommand(local, io);
  registerLocalGlueCommand(local, io);
  return program;
}

/** Runs the CLI on argv (node, script, …args) and returns the exit code. */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<ExitCode> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const program = makeProgram(io);
  try {
    await program.parseAsync(argv);
    return io.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    }
    io.stderr.write(`csv-catalog: ${describeError(error)}\n`);
    // A MySQL other than the folder's is a choice to make on the command line.
    return error instanceof MysqlTargetMismatch ? ExitCode.Usage : ExitCode.Error;
  }
}
