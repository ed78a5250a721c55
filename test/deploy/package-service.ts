import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CfnTemplate } from './cfn-template.js';

const ROOT = resolve(import.meta.dirname, '../..');
/** What `serverless package` reads: the service, its sources and the ASL. */
const SERVICE_FILES = [
  'serverless.yml',
  'package.json',
  'tsconfig.json',
  'deploy',
  'statemachines',
  'functions',
  'shared',
  'local',
];
export const TEST_CONFIG = 'test/deploy/fixtures/csv-catalog.config.yml';
/** Every config a test may package with (--param=config=…). */
const FIXTURES = 'test/deploy/fixtures';

export interface PackagedService {
  /** The copy of the service that was packaged; `.serverless/` holds the artifacts. */
  dir: string;
  template: CfnTemplate;
  artifact: (functionKey: string) => string;
  remove: () => Promise<void>;
}

/**
 * Runs `serverless package` (osls) on a copy of the service in a temporary directory, with
 * no AWS credentials anywhere in reach, so tests neither need AWS nor race others'
 * `.serverless/` and `.esbuild/` folders in the working tree.
 */
export async function packageService(
  params: Record<string, string>,
  stage = 'test',
): Promise<PackagedService> {
  const work = await mkdtemp(join(tmpdir(), 'csv-catalog-package-'));
  const dir = join(work, 'service');
  const tmp = join(work, 'tmp');
  await mkdir(tmp, { recursive: true });
  for (const file of [...SERVICE_FILES, FIXTURES]) {
    await cp(join(ROOT, file), join(dir, file), { recursive: true });
  }
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const args = ['package', '--stage', stage, '--region', 'us-east-1'];
  for (const [key, value] of Object.entries(params)) args.push(`--param=${key}=${value}`);
  await run(join(ROOT, 'node_modules/serverless/bin/serverless.js'), args, dir, {
    PATH: process.env.PATH ?? '',
    HOME: work,
    // The packager zips through temporary folders it does not always remove.
    TMPDIR: tmp,
    AWS_CONFIG_FILE: join(work, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(work, 'no-aws-credentials'),
  });
  const template = JSON.parse(
    await readFile(join(dir, '.serverless/cloudformation-template-update-stack.json'), 'utf8'),
  ) as CfnTemplate;
  return {
    dir,
    template,
    artifact: (functionKey) => join(dir, '.serverless', `${functionKey}.zip`),
    remove: () => rm(work, { recursive: true, force: true }),
  };
}

function run(script: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  return new Promise<void>((done, fail) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, env });
    const output: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => output.push(c));
    child.stderr.on('data', (c: Buffer) => output.push(c));
    child.on('error', fail);
    child.on('close', (code) => {
      if (code === 0) done();
      else
        fail(new Error(`serverless ${args.join(' ')} exited ${code}:\n${Buffer.concat(output)}`));
    });
  });
}
