// Runs the csv-catalog command in a process of its own, as a test starts it (`local up`).
import { runCli } from '../../cli/main.js';

process.exitCode = await runCli(process.argv);
