import { Command, CommanderError } from 'commander';
import { describeError } from '../shared/errors.js';
import { type CliIo, processIo } from './cli-io.js';
import { registerBackfillCommand } from './commands/backfill.js';
import { registerLocalGlueCommand } from './commands/local-glue.js';
import { ExitCode } from './exit-code.js';

/** Builds the csv-catalog program; tests run it in-process with their own io. */
export function makeProgram(io: CliIo = processIo()): Command {
  const program = new Command('csv-catalog')
    .description(
      'File dropped CSV dumps into table prefixes, keep Glue crawlers and string-typed catalog tables, and mirror the tables in MySQL.',
    )
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
  const local = program
    .command('local')
    .description('Run the local stack: AWS-compatible endpoints on loopback.');
  registerLocalGlueCommand(local, io);
  return program;
}

/** Runs the CLI on argv (node, script, …args) and returns the exit code. */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<ExitCode> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const program = makeProgram(io).exitOverride();
  try {
    await program.parseAsync(argv);
    return io.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    }
    io.stderr.write(`csv-catalog: ${describeError(error)}\n`);
    return ExitCode.Error;
  }
}
