import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../local/stack/run-report.js';
import { openTestDatabase, testMysqlSettings } from '../mysql/test-database.js';
import { runCliInProcess } from '../support/run-cli.js';
import { freePort, mysqlRelay, openRunDatabase, SAMPLES, tempDir } from './local-test-support.js';

/** Issue [6/10] §9: a stack folder records its MySQL target; commands on it write there. */
describe('a local stack folder writes to the MySQL its stack used', () => {
  let db: Awaited<ReturnType<typeof openRunDatabase>>;
  let other: Awaited<ReturnType<typeof openTestDatabase>>;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let relayPort: number;
  let relay: { close(): Promise<void> } | undefined;
  let execution: string;
  let failedRun: Awaited<ReturnType<typeof runCliInProcess>>;
  const savedMysqlUrl = process.env.MYSQL_URL;
  const { user, password } = testMysqlSettings();
  const credentials = password ? `${user}:${encodeURIComponent(password)}` : user;
  const relayUrl = () => `mysql://${credentials}@127.0.0.1:${relayPort}/${db.database}`;
  const settingsFile = () => readFile(join(dir.path, 'stack-settings.json'), 'utf8');

  beforeAll(async () => {
    db = await openRunDatabase();
    other = await openTestDatabase();
    dir = await tempDir('mysql-target');
    relayPort = await freePort();
    // Prepare: the stack runs while its MySQL is away (nothing listens on the relay's port)
    failedRun = await runCliInProcess([
      'local',
      'run',
      '--json',
      '--dir',
      dir.path,
      '--mysql-url',
      relayUrl(),
      join(SAMPLES, 'PSY_ORD_202508291511.csv'),
    ]);
    execution = (JSON.parse(failedRun.stdout) as RunReport).executions[0]?.execution ?? '';
  }, 120_000);
  afterEach(() => {
    if (savedMysqlUrl === undefined) delete process.env.MYSQL_URL;
    else process.env.MYSQL_URL = savedMysqlUrl;
  });
  afterAll(async () => {
    await relay?.close();
    await db?.drop();
    await other?.drop();
    await dir?.remove();
  });

  it('records host, port, user and database, never the password', async () => {
    // Act
    const recorded = JSON.parse(await settingsFile()) as { mysql?: Record<string, unknown> };

    // Assess
    expect(failedRun.exitCode).toBe(1);
    expect(recorded.mysql).toMatchObject({
      host: '127.0.0.1',
      port: relayPort,
      user,
      database: db.database,
    });
    expect(recorded.mysql).not.toHaveProperty('password');
  });

  it('refuses a --mysql-url naming another target, naming both', async () => {
    // Act
    const refused = await runCliInProcess([
      'replay',
      execution,
      '--dir',
      dir.path,
      '--mysql-url',
      db.url,
    ]);

    // Assess
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain(
      `--mysql-url points to ${user}@127.0.0.1:${testMysqlSettings().port}/${db.database}, but the stack in ${dir.path} wrote to ${user}@127.0.0.1:${relayPort}/${db.database}`,
    );
    expect(refused.stderr).toContain('--retarget');
    expect(refused.stdout).toBe('');
  });

  it('replays with only --dir into the stack’s own database once MySQL is back', async () => {
    // Prepare: MySQL is back at the same address; no MYSQL_URL to fall back on
    relay = await mysqlRelay(relayPort);
    delete process.env.MYSQL_URL;

    // Act
    const replay = await runCliInProcess(['replay', execution, '--dir', dir.path]);

    // Assess
    expect(replay.stdout).toContain(`${execution}: SUCCEEDED\n`);
    expect(replay.exitCode).toBe(0);
    expect((await db.columns('psy_ord')).length).toBeGreaterThan(0);
  });

  it('writes to another MySQL only with --retarget, and records it', async () => {
    // Prepare
    const otherUrl = `mysql://${credentials}@127.0.0.1:${testMysqlSettings().port}/${other.database}`;

    // Act
    const sync = await runCliInProcess([
      'sync',
      '--table',
      'psy_ord',
      '--json',
      '--dir',
      dir.path,
      '--mysql-url',
      otherUrl,
      '--retarget',
    ]);
    const recorded = JSON.parse(await settingsFile()) as { mysql?: Record<string, unknown> };

    // Assess
    expect(sync.exitCode).toBe(0);
    expect((JSON.parse(sync.stdout) as RunReport).rds.database).toBe(other.database);
    expect((await other.columns('psy_ord')).length).toBeGreaterThan(0);
    expect(recorded.mysql).toMatchObject({ database: other.database });
  });
});
