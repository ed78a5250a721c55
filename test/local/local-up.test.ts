import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionSummary } from '../../shared/aws/execution-history-source.js';
import { runCliInProcess } from '../support/run-cli.js';
import { TEACHER_COLUMNS } from '../support/school-teacher.js';
import { type CliProcess, startCliProcess } from './local-stack-process.js';
import { aws, freePort, openRunDatabase, SAMPLES, tempDir } from './local-test-support.js';

const FILE = 'SCHOOL_TEACHER_202508291512.csv';

interface GlueTable {
  Table: {
    Name: string;
    StorageDescriptor: { Location: string; Columns: { Name: string; Type: string }[] };
  };
}

describe('csv-catalog local up, driven by the real AWS CLI', () => {
  let db: Awaited<ReturnType<typeof openRunDatabase>>;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let s3Port: number;
  let gluePort: number;
  const processes: CliProcess[] = [];
  const localUp = () => {
    const up = startCliProcess([
      'local',
      'up',
      '--console-port',
      '0',
      '--dir',
      dir.path,
      '--s3-port',
      String(s3Port),
      '--glue-port',
      String(gluePort),
      '--mysql-url',
      db.url,
    ]);
    processes.push(up);
    return up;
  };
  const s3 = () => `http://127.0.0.1:${s3Port}`;
  const glue = () => `http://127.0.0.1:${gluePort}`;
  const getTable = async () =>
    JSON.parse(
      await aws(
        ['glue', 'get-table', '--database-name', 'csv_catalog', '--name', 'school_teacher'],
        glue(),
      ),
    ) as GlueTable;

  beforeAll(async () => {
    db = await openRunDatabase();
    dir = await tempDir('local-up');
    s3Port = await freePort();
    gluePort = await freePort();
  });
  afterAll(async () => {
    for (const up of processes) await up.stop();
    await db?.drop();
    await dir?.remove();
  });

  it('catalogs a file copied in with aws s3 cp, and still has it after a restart', async () => {
    // Prepare
    const first = localUp();
    const [banner] = await first.waitForStdout(
      /^csv-catalog local stack\n[\s\S]*?Ctrl-C stops\.\n/,
    );

    // Act
    await aws(['s3', 'cp', join(SAMPLES, FILE), 's3://csv-catalog-local/'], s3());
    const [finalLine] = await first.waitForStdout(/^.*school_teacher +SUCCEEDED in .*$/m);
    const before = await getTable();
    const firstExit = await first.stop();
    const second = localUp();
    await second.waitForStdout(/Ctrl-C stops\.\n/);
    const after = await getTable();
    const beside = await runCliInProcess([
      'local',
      'run',
      '--dir',
      dir.path,
      '--mysql-url',
      db.url,
      join(SAMPLES, 'PSY_ORD_202508291511.csv'),
    ]);
    const listing = await runCliInProcess(['executions', '--dir', dir.path, '--json']);
    const secondExit = await second.stop();

    // Assess
    expect(banner).toContain(`S3       ${s3()}   bucket csv-catalog-local`);
    expect(banner).toContain(`Glue     ${glue()}   database csv_catalog`);
    expect(banner).toContain(
      `aws s3 cp PSY_ORD_CLASS_202508291511.csv s3://csv-catalog-local/ --endpoint-url ${s3()}`,
    );
    expect(finalLine).toMatch(/MySQL table created/);
    expect(first.stdout()).toMatch(/school_teacher +started +school_teacher-202508291512-/);
    expect(first.stdout()).toMatch(/school_teacher +SyncRdsDdl…/);
    for (const table of [before, after]) {
      expect(table.Table.StorageDescriptor.Location).toBe('s3://csv-catalog-local/school_teacher/');
      expect(table.Table.StorageDescriptor.Columns).toEqual(
        TEACHER_COLUMNS.map((Name) => ({ Name, Type: 'string' })),
      );
    }
    expect(firstExit).toBe(0);
    expect(first.stdout()).toMatch(/stopping…\n$/);
    expect(beside.stderr).toContain(
      `csv-catalog: a local stack is running on ${dir.path} (pid ${second.child.pid}): stop it`,
    );
    expect(beside.exitCode).toBe(3);
    const executions = JSON.parse(listing.stdout) as ExecutionSummary[];
    expect(executions.map((e) => [e.table, e.status])).toEqual([['school_teacher', 'SUCCEEDED']]);
    expect(listing.exitCode).toBe(0);
    expect(await db.columns('school_teacher')).toHaveLength(TEACHER_COLUMNS.length);
    expect(secondExit).toBe(0);
  });
});
