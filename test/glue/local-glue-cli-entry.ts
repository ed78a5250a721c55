// Runs `csv-catalog local glue …` on its own, as the test of the command starts it.
import { Command } from 'commander';
import { registerLocalGlueCommand } from '../../cli/definitions/local-glue.js';

const program = new Command('csv-catalog');
registerLocalGlueCommand(program.command('local'));
await program.parseAsync(process.argv);
