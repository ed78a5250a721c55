import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CsvCatalogError } from '../../shared/errors.js';

/** Another live process runs a local stack on the folder. */
export class StackDirInUse extends CsvCatalogError {
  public override name = 'StackDirInUse';
}

const LOCK_FILE = 'stack.pid';

/**
 * One local stack per folder. Two on the same folder would each serve the same S3 and Glue
 * files and mark each other's running executions ABORTED. Commands on a folder whose `local up`
 * runs go through its console (cli/console-client.ts) and take no lock. The lock is a file holding the owner's pid; one whose process is
 * gone (a crash, kill -9) is taken over. Returns the release.
 */
export function lockStackDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = lockOwner(path);
    if (owner !== undefined && isAlive(owner)) throw inUse(dir, owner);
    rmSync(path, { force: true });
  }
  throw inUse(dir, lockOwner(path));
}

/** Throws StackDirInUse if a live local stack holds the folder (before emptying it, say). */
export function assertStackDirFree(dir: string): void {
  const owner = lockOwner(join(dir, LOCK_FILE));
  if (owner !== undefined && isAlive(owner)) throw inUse(dir, owner);
}

/** Whether a live local stack runs on the folder now. */
export function stackRunsOn(dir: string): boolean {
  const owner = lockOwner(join(dir, LOCK_FILE));
  return owner !== undefined && isAlive(owner);
}

function inUse(dir: string, pid: number | undefined): StackDirInUse {
  return new StackDirInUse(
    `a local stack is running on ${dir}${pid === undefined ? '' : ` (pid ${pid})`}: stop it (Ctrl-C in its terminal) or give another --dir`,
  );
}

function lockOwner(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
