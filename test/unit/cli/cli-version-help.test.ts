import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { makeProgram } from '../../../cli/main.js';
import { runCliInProcess } from '../../support/run-cli.js';

/** Every command a user can run; a definition left out of main.ts fails here. */
const COMMANDS = [
  'backfill',
  'sync',
  'executions',
  'tables',
  'replay',
  'demo',
  'local',
  'local up',
  'local run',
  'local glue',
];

function commandPaths(program: Command, prefix = ''): string[] {
  return program.commands.flatMap((c) => {
    const path = `${prefix}${c.name()}`;
    return [path, ...commandPaths(c, `${path} `)];
  });
}

describe('csv-catalog --version and --help', () => {
  it.each([['--version'], ['-V']])('%s prints the version in package.json', async (flag) => {
    // Prepare
    const manifest = JSON.parse(
      readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'),
    );

    // Act
    const { exitCode, stdout } = await runCliInProcess([flag]);

    // Assess
    expect(exitCode).toBe(0);
    expect(stdout).toBe(`${manifest.version}\n`);
  });

  it('--help lists every command, and local --help every local command', async () => {
    // Act
    const top = await runCliInProcess(['--help']);
    const local = await runCliInProcess(['local', '--help']);

    // Assess
    expect(commandPaths(makeProgram()).sort()).toEqual([...COMMANDS].sort());
    for (const path of COMMANDS) {
      const [first, second] = path.split(' ');
      const help = second ? local.stdout : top.stdout;
      expect(help).toMatch(new RegExp(`^  ${second ?? first}\\b`, 'm'));
    }
    expect(top.stdout).toContain('-V, --version');
    expect(top.exitCode).toBe(0);
  });

  it('a command’s usage error is answered without running it', async () => {
    // Act: sync needs --table or --all
    const { exitCode, stderr } = await runCliInProcess(['sync', '--dir', '없는-폴더']);

    // Assess
    expect(exitCode).toBe(2);
    expect(stderr).toContain('give --table <table…> or --all');
  });
});
