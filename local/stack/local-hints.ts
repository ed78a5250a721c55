import { shellArg } from './shell-arg.js';

/**
 * The workflow's causes end with the command that helps (`csv-catalog sync --table T`): the
 * ASL cannot know where it runs. On a local stack that command is pasted as
 * `npx csv-catalog sync --table T --dir D`, so that is what is shown.
 */
export function withLocalCommands(cause: string, dir: string): string {
  return cause.replace(
    // With or without `npx ` (header-groups.ts writes it); never twice (`--dir` already there).
    /(`?)(?:npx )?csv-catalog sync --table ([\p{L}\p{N}_]+)(?![\p{L}\p{N}_]| --dir)\1/gu,
    (_, quote: string, table: string) =>
      `${quote}npx csv-catalog sync --table ${shellArg(table)} --dir ${shellArg(dir)}${quote}`,
  );
}
