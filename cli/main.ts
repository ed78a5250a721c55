import { Command, CommanderError } from 'commander';
import { describeError } from '../shared/errors.js';
import { ExitCode } from './exit-code.js';

/** Builds the csv-catalog program; tests run it in-process with exitOverride(). */
export function makeProgram(): Command {
  const program = new Command('csv-catalog')
    .description(
      'File dropped CSV dumps into table prefixes, keep Glue crawlers and string-typed catalog tables, and mirror the tables in MySQL.',
    )
    .showHelpAfterError()
    .addHelpText(
      'after',
      `\nExit codes:\n${Object.entries(ExitCode)
        .filter(([, v]) => typeof v === 'number')
        .map(([k, v]) => `  ${v}  ${k}`)
        .join('\n')}`,
    );
  return program;
}

/** Entry point of the bin: parses argv, maps failures to exit codes. */
export async function runCli(argv: string[]): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const program = makeProgram();
  program.exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
      return;
    }
    process.stderr.write(`csv-catalog: ${describeError(error)}\n`);
    process.exitCode = ExitCode.Error;
  }
}
