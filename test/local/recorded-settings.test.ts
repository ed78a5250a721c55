import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../local/stack/run-report.js';
import { runCliInProcess } from '../support/run-cli.js';
import { openRunDatabase, SAMPLES, tempDir } from './local-test-support.js';

describe('a local folder remembers the settings its stack ran with', () => {
  let db: Awaited<ReturnType<typeof openRunDatabase>>;
  let dir: Awaited<ReturnType<typeof tempDir>>;

  beforeAll(async () => {
    db = await openRunDatabase();
    dir = await tempDir('recorded');
  });
  afterAll(async () => {
    await dir?.remove();
    await db?.drop();
  });

  it('runs sync with the --config and --database the folder was first run with', async () => {
    // Prepare: a run with a team config (a rename) and another Glue database
    const config = join(dir.path, 'team.yml');
    await writeFile(config, 'tables:\n  psy_ord:\n    rename: { ord_name: order_name }\n');
    const first = await runCliInProcess([
      'local',
      'run',
      '--json',
      '--dir',
      dir.path,
      '--mysql-url',
      db.url,
      '--config',
      config,
      '--database',
      'team_catalog',
      join(SAMPLES, 'PSY_ORD_202508291511.csv'),
    ]);
    expect(first.exitCode).toBe(0);

    // Act: sync on the same folder, neither flag given
    const sync = await runCliInProcess([
      'sync',
      '--table',
      'psy_ord',
      '--json',
      '--dir',
      dir.path,
      '--mysql-url',
      db.url,
    ]);

    // Assess
    const report = JSON.parse(sync.stdout) as RunReport;
    expect(sync.exitCode).toBe(0);
    expect(report.catalog.database).toBe('team_catalog');
    const columns = report.catalog.tables.psy_ord?.columns.map((c) => c.name) ?? [];
    expect(columns).toContain('order_name');
    expect(columns).not.toContain('ord_name');
  });
});
