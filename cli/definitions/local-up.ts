import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import type { LocalUpOptions } from '../commands/local-up.js';
import { loadOption } from '../config-options.js';
import { addLocalStackOptions } from '../local-stack-options.js';
import { parsePort } from '../option-parsers.js';

/** `csv-catalog local up`: the local stack in the foreground until Ctrl-C or SIGTERM. */
export function registerLocalUpCommand(local: Command, io: CliIo): void {
  addLocalStackOptions(
    local
      .command('up')
      .description(
        'Start the local S3, Glue endpoint and workflow runner; files dropped at the bucket root by any S3 client go through the pipeline. Ctrl-C stops; state stays in --dir.',
      ),
  )
    .addOption(loadOption())
    .option('--ddl-out <dir>', 'write the MySQL DDL to <dir>/<table>.sql instead of running it')
    .option('--verbose', 'log every step and crawler line to stderr')
    .option(
      '--console-port <port>',
      'the console and control API on 127.0.0.1 (0: a free one)',
      parsePort,
      // DEFAULT_CONSOLE_PORT of local/console/console-api.ts: not imported, so that --help
      // loads no command's code (test/unit/cli/cli-module-graph.test.ts).
      4600,
    )
    .action(async (options: LocalUpOptions) => {
      const { localUp } = await import('../commands/local-up.js');
      io.exitCode = await localUp(options, io);
    });
}
