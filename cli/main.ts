// Every command is defined here, but what it does is loaded only when it runs: each action in
// definitions/ imports its commands/ module (and with it the local stack, the AWS SDK, mysql2…)
// then. --help, --version and usage errors load commander and the definitions only
// (test/unit/cli/cli-module-graph.test.ts keeps it so).
import { Command, CommanderError } from 'commander';
import { describeError } from '../shared/errors.js';
import { type CliIo, processIo } from './cli-io.js';
import { registerBackfillCommand } from './definitions/backfill.js';
import { registerDemoCommand } from './definitions/demo.js';
import { registerExecutionsCommand } from './definitions/executions.js';
import { registerLocalGlueCommand } from './definitions/local-glue.js';
import { registerLocalRunCommand } from './definitions/local-run.js';
import { registerLocalUpCommand } from './definitions/local-up.js';
import { registerReplayCommand } from './definitions/replay.js';
import { registerSyncCommand } from './definitions/sync.js';
import { registerTablesCommand } from './definitions/tables.js';
import { ExitCode } from './exit-code.js';
import { MysqlTargetMismatch } from './mysql-target-mismatch.js';
import { packageVersion } from './package-version.js';

/** Builds the csv-catalog program; tests run it in-process with their own io. */
export function makeProgram(io: CliIo = processIo()): Command {
  const program = new Command('csv-catalog')
    .description(
      'File dropped CSV dumps into table prefixes, keep Glue crawlers and string-typed catalog tables, and mirror the tables in MySQL.',
    )
    .version(packageVersion(), '-V, --version', "print csv-catalog's version")
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
