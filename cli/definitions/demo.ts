import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import type { DemoOptions } from '../commands/demo.js';
import { mysqlUrlOption } from '../config-options.js';

/** `csv-catalog demo` (npm run demo): `local run` over samples/, from a fresh folder. */
export function registerDemoCommand(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description(
      'Run the whole pipeline over the synthetic samples: local S3, Glue endpoint and workflow, and MySQL (or DDL files when no MySQL answers).',
    )
    .option('--dir <dir>', "folder for the demo's state (emptied first)", '.csv-catalog/demo')
    .addOption(mysqlUrlOption())
    .option('--ddl-out <dir>', 'where the DDL goes when no MySQL answers', '.csv-catalog/ddl')
    .option('--json', 'print the run as one JSON document')
    .action(async (options: DemoOptions) => {
      const { demo } = await import('../commands/demo.js');
      io.exitCode = await demo(options, io);
    });
}
