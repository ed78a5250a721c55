import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderExecutionStore } from '../../../local/workflow/folder-execution-store.js';
import type { WorkflowInput } from '../../../shared/workflow/workflow-input.js';

const ENTRY = fileURLToPath(new URL('../../local/csv-catalog-cli-entry.ts', import.meta.url));
const MODULE_LOG = fileURLToPath(new URL('../../support/module-log.mjs', import.meta.url));
/** What commands do, loaded when one runs: their code and the local stack's. */
const COMMANDS_CODE = [
  new URL('../../../cli/commands/', import.meta.url).href,
  new URL('../../../local/', import.meta.url).href,
];

/** What makes a start slow: SDK clients, the database driver, the local stack, validators. */
const HEAVY_PACKAGES = [
  'mysql2',
  '@aws-sdk/',
  '@smithy/',
  'aws-local-stepfunctions',
  's3rver',
  'zod',
  'yaml',
  '@aws-lambda-powertools/',
];

/** Runs the CLI (the TypeScript sources, through tsx) and returns every module it loaded. */
async function modulesLoadedBy(args: string[]): Promise<{ urls: string[]; stdout: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'csv-catalog-module-log-'));
  const log = join(dir, 'modules.txt');
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--import', MODULE_LOG, ENTRY, ...args],
      { env: { ...process.env, MODULE_LOG: log } },
    ).catch((error: { code?: number; stdout?: string }) => {
      // `executions` exits 1 when a listed execution failed; its output is still the listing.
      if (error.code === 1 && error.stdout !== undefined) return { stdout: error.stdout };
      throw error;
    });
    return { urls: (await readFile(log, 'utf8')).split('\n').filter(Boolean), stdout };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function packagesAmong(urls: string[], packages: string[]): string[] {
  return packages.filter((p) => urls.some((url) => url.includes(`/node_modules/${p}`)));
}

describe('what starting csv-catalog loads', () => {
  let history: string;

  beforeAll(async () => {
    // Prepare: a local folder with one execution, written by the local runner's own store
    history = await mkdtemp(join(tmpdir(), 'csv-catalog-history-'));
    new FolderExecutionStore(join(history, 'executions')).put({
      name: '학생-202508291511-0123456789',
      executionArn: 'arn:aws:states:local:000000000000:execution:csv-catalog:학생-202508291511',
      stateMachine: 'csv-catalog',
      status: 'SUCCEEDED',
      input: { table: '학생' } as unknown as WorkflowInput,
      startDate: '2026-11-29T00:01:00.000Z',
      stopDate: '2026-11-29T00:01:12.000Z',
      events: [],
    });
  });

  afterAll(async () => {
    await rm(history, { recursive: true, force: true });
  });

  it.each(['--help', '--version', 'local --help'])(
    '%s loads commander and the command definitions, no command’s code',
    async (command) => {
      // Act
      const { urls } = await modulesLoadedBy(command.split(' '));

      // Assess: the log saw the start (commander, the definitions) and nothing heavy
      expect(urls.some((url) => url.includes('/node_modules/commander/'))).toBe(true);
      expect(urls.some((url) => url.includes('/cli/definitions/executions.'))).toBe(true);
      expect(packagesAmong(urls, [...HEAVY_PACKAGES, 'string-width', 'cli-progress'])).toEqual([]);
      expect(urls.filter((url) => COMMANDS_CODE.some((dir) => url.startsWith(dir)))).toEqual([]);
    },
  );

  it('executions --dir on a local folder loads the history reader, no AWS SDK or MySQL', async () => {
    // Act
    const { urls, stdout } = await modulesLoadedBy(['executions', '--dir', history]);

    // Assess
    expect(stdout).toContain('학생-202508291511-0123456789');
    expect(urls.some((url) => url.includes('/local/workflow/local-execution-history.'))).toBe(true);
    expect(packagesAmong(urls, HEAVY_PACKAGES)).toEqual([]);
  });
});
