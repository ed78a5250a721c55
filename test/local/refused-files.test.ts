import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/run-cli.js';
import { openRunDatabase, SAMPLES, tempDir, withStackS3 } from './local-test-support.js';

const NAMELESS = '!!!_20250901.csv';
const NOT_CSV = '학교 메모.txt';
const EMPTY = 'EMPTY_20250901.csv';

interface Row {
  kind: 'execution' | 'file';
  name: string;
  file?: string;
  status: string;
  table?: string;
  error?: string;
  cause?: string;
  failure?: { error?: string; cause?: string };
}

/** Issue [6/10] §8: a file filing refused or skipped is listed afterwards, with its reason. */
describe('csv-catalog executions lists the files a local stack refused or skipped', () => {
  let db: Awaited<ReturnType<typeof openRunDatabase>>;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let files: Awaited<ReturnType<typeof tempDir>>;
  const executions = (...args: string[]) =>
    runCliInProcess(['executions', '--dir', dir.path, ...args]);

  beforeAll(async () => {
    db = await openRunDatabase();
    dir = await tempDir('refused');
    files = await tempDir('refused-files');
    await writeFile(join(files.path, NAMELESS), 'a,b\n1,2\n');
    await writeFile(join(files.path, NOT_CSV), '메모\n');
    await writeFile(join(files.path, EMPTY), '');
    // Prepare: one good file and three that start no execution; the stack then stops
    await runCliInProcess([
      'local',
      'run',
      '--dir',
      dir.path,
      '--mysql-url',
      db.url,
      join(SAMPLES, 'PSY_ORD_202508291511.csv'),
      ...[NAMELESS, NOT_CSV, EMPTY].map((name) => join(files.path, name)),
    ]);
  }, 120_000);
  afterAll(async () => {
    await db?.drop();
    await dir?.remove();
    await files?.remove();
  });

  it('lists them in --json beside the executions, each with its reason as a sentence', async () => {
    // Act
    const listing = await executions('--json');
    const rows = JSON.parse(listing.stdout) as Row[];
    const byName = new Map(rows.map((r) => [r.name, r]));

    // Assess
    expect(rows.map((r) => [r.kind, r.status]).sort()).toEqual(
      [
        ['execution', 'SUCCEEDED'],
        ['file', 'REFUSED'],
        ['file', 'SKIPPED'],
        ['file', 'SKIPPED'],
      ].sort(),
    );
    expect(byName.get(NAMELESS)).toMatchObject({
      kind: 'file',
      file: NAMELESS,
      status: 'REFUSED',
      error: 'NamingError',
    });
    expect(byName.get(NAMELESS)?.cause).toMatch(/^!!!_20250901\.csv: .*naming rule/);
    expect(byName.get(NOT_CSV)).toMatchObject({
      status: 'SKIPPED',
      cause: `${NOT_CSV}: not a .csv file`,
    });
    expect(byName.get(EMPTY)).toMatchObject({
      status: 'SKIPPED',
      cause: `${EMPTY}: zero-byte object`,
    });
    expect(listing.stdout).not.toMatch(/errorType/);
    // The handler's own copies into psy_ord/ are not drops.
    expect(rows.filter((r) => r.name.includes('/'))).toEqual([]);
    expect(listing.exitCode).toBe(1);
  });

  it('filters them with --status REFUSED and --status SKIPPED', async () => {
    // Act
    const refused = await executions('--status', 'REFUSED');
    const skipped = await executions('--status', 'SKIPPED', '--json');

    // Assess
    const lines = refused.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(
      /^!!!_20250901\.csv +- +REFUSED +\S+ +- +filing +NamingError: !!!_20250901\.csv: /,
    );
    expect(refused.exitCode).toBe(1);
    expect((JSON.parse(skipped.stdout) as Row[]).map((r) => r.name).sort()).toEqual(
      [EMPTY, NOT_CSV].sort(),
    );
    expect(skipped.exitCode).toBe(0);
  });

  it('forgets a refused file once it is gone from the bucket root', async () => {
    // Prepare: the team removes the nameless file; a stack opens the folder again
    await withStackS3(dir.path, (s3) => s3.remove(NAMELESS));
    await runCliInProcess(['sync', '--table', 'psy_ord', '--dir', dir.path, '--mysql-url', db.url]);

    // Act
    const listing = await executions('--json');

    // Assess
    const rows = JSON.parse(listing.stdout) as Row[];
    expect(rows.map((r) => r.name)).not.toContain(NAMELESS);
    expect(rows.filter((r) => r.status === 'SKIPPED')).toHaveLength(2);
    expect(listing.exitCode).toBe(0);
  });
});
