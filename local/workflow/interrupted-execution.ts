import { shellArg } from '../stack/shell-arg.js';

/**
 * The cause an execution gets when the local stack running it stopped or died (Ctrl-C, a
 * crash, kill -9): nothing runs it any more, so it reads as ABORTED, and the cause says how to
 * finish it and what the stop may have left half-filed. Each command works with the stack
 * stopped and, through its console, with it running (`local up`).
 */
export function interruptedCause(executionName: string, stackDir: string): string {
  const dir = shellArg(stackDir);
  return [
    'the local stack stopped while this execution ran.',
    `\`npx csv-catalog replay ${shellArg(executionName)} --dir ${dir}\` runs it on from the state it was in;`,
    `\`npx csv-catalog backfill --dir ${dir}\` then \`npx csv-catalog sync --all --dir ${dir}\` also file what the stop left at the bucket root and bring every table to its newest snapshot`,
  ].join(' ');
}
