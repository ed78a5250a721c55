import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockStackDir, StackDirInUse } from '../../local/stack/stack-dir-lock.js';
import { tempDir } from './local-test-support.js';

describe('one local stack per --dir', () => {
  const dirs: Awaited<ReturnType<typeof tempDir>>[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await dir.remove();
  });

  it('refuses a second stack while the first holds the folder, and frees it on release', async () => {
    // Prepare
    const dir = await tempDir('lock');
    dirs.push(dir);
    const release = lockStackDir(dir.path);

    // Act
    let second: unknown;
    try {
      lockStackDir(dir.path);
    } catch (error) {
      second = error;
    }
    release();
    const again = lockStackDir(dir.path);
    again();

    // Assess
    expect(second).toBeInstanceOf(StackDirInUse);
    expect(String(second)).toContain(
      `a local stack is running on ${dir.path} (pid ${process.pid})`,
    );
    expect(existsSync(join(dir.path, 'stack.pid'))).toBe(false);
  });

  it('takes over a lock whose process is gone', async () => {
    // Prepare: the pid of a process that has exited
    const dir = await tempDir('lock-stale');
    dirs.push(dir);
    const gone = spawnSync(process.execPath, ['-e', 'process.exit(0)']);
    writeFileSync(join(dir.path, 'stack.pid'), String(gone.pid));

    // Act
    const release = lockStackDir(dir.path);

    // Assess
    expect(Number(readFileSync(join(dir.path, 'stack.pid'), 'utf8'))).toBe(process.pid);
    release();
  });
});
