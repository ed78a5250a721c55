import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import type { LocalRunOptions } from '../commands/local-run.js';
import { loadOption } from '../config-options.js';
import { addLocalStackOptions } from '../local-stack-options.js';

/** `csv-catalog local run <files or folders…>`: one shot, for scripts and CI. */
export function registerLocalRunCommand(local: Command, io: CliIo): void {
  addLocalStackOptions(
    local
      .command('run')
      .description(
        'Start the local stack on free ports, drop the files at the bucket root, wait for every execution, print what happened, stop. Exit 0 only if every execution succeeded.',
      )
      .argument('<paths...>', 'CSV files, or folders whose files to drop'),
    true,
  )
    .option('--json', 'print one JSON document on stdout (logs go to stderr)')
    .option('--fresh', 'empty --dir first: start from an empty bucket, catalog and history')
    .addOption(loadOption())
    .option('--ddl-out <dir>', 'write the MySQL DDL to <dir>/<table>.sql instead of running it')
    .option('--verbose', 'log every step and crawler line to stderr')
    .action(async (paths: string[], options: LocalRunOptions) => {
      const { localRun } = await import('../commands/local-run.js');
      io.exitCode = await localRun(paths, options, io);
    });
}
