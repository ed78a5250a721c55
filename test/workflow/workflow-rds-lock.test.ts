import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LambdaHandler } from '../../local/workflow/lambda-stand-in.js';
import { type MysqlConnection, openMysql } from '../../shared/mysql/open-mysql.js';
import { testMysqlSettings } from '../mysql/test-database.js';
import { startTestS3, type TestS3 } from '../support/local-s3.js';
import {
  startWorkflowStack,
  stateOf,
  TEACHER_COLUMNS,
  teacherCsv,
  type WorkflowTestStack,
} from './workflow-test-stack.js';

describe('the workflow when another session holds the MySQL table', () => {
  let s3: TestS3;
  let stack: WorkflowTestStack | undefined;
  let holder: MysqlConnection | undefined;
  beforeAll(async () => {
    s3 = await startTestS3([]);
  });
  afterEach(async () => {
    await holder?.end();
    holder = undefined;
    await stack?.stop();
    stack = undefined;
  });
  afterAll(async () => s3?.stop());

  /** Another session: BEGIN, read the table, keep the transaction open (its metadata lock held). */
  async function holdTable(database: string, table: string): Promise<MysqlConnection> {
    const session = await openMysql(testMysqlSettings());
    await session.query('START TRANSACTION');
    await session.query(`SELECT * FROM \`${database}\`.\`${table}\``);
    return session;
  }

  /** SyncRdsDdl as the workflow calls it, with a hook after each failed attempt (counted). */
  function watchedSync(afterFailure: (failures: number) => Promise<void>) {
    let failures = 0;
    return (real: LambdaHandler): LambdaHandler =>
      async (event, context) => {
        try {
          return await real(event, context);
        } catch (error) {
          failures += 1;
          await afterFailure(failures);
          throw error;
        }
      };
  }

  it('retries SyncRdsDdl on RdsLockTimeout while the table is held, then adds the new column', async () => {
    // Prepare: the table exists; a second snapshot brings a new column while a session holds it
    let release = async (_failures: number) => {};
    const watch = watchedSync((failures) => release(failures));
    stack = await startWorkflowStack(s3, {
      config: { rds: { lockWaitSeconds: 1 } },
      lambdas: (real) => ({ SyncRdsDdl: watch(real.SyncRdsDdl) }),
    });
    const first = await stack.drop('SCHOOL_TEACHER_202508291512.csv', teacherCsv());
    expect(first.execution.status).toBe('SUCCEEDED');
    const session = await holdTable(stack.db.database, 'school_teacher');
    holder = session;
    release = async (failures) => {
      if (failures === 2) await session.query('COMMIT');
    };

    // Act
    const { execution } = await stack.drop(
      'SCHOOL_TEACHER_202508301200.csv',
      teacherCsv(3, ['homeroom']),
    );

    // Assess: two lock timeouts retried, then the ALTER ran once the session committed
    expect(execution.status).toBe('SUCCEEDED');
    expect(stateOf(execution, 'SyncRdsDdl')).toMatchObject({
      status: 'SUCCEEDED',
      retries: 2,
      error: 'RdsLockTimeout',
    });
    expect((await stack.db.columns('school_teacher')).map((c) => c.name)).toEqual([
      ...TEACHER_COLUMNS,
      'homeroom',
    ]);
  });

  it('fails with RdsLockTimeout naming the table once the retries are spent', async () => {
    // Prepare
    stack = await startWorkflowStack(s3, { config: { rds: { lockWaitSeconds: 1 } } });
    const first = await stack.drop('SCHOOL_TEACHER_202508291512.csv', teacherCsv());
    expect(first.execution.status).toBe('SUCCEEDED');
    holder = await holdTable(stack.db.database, 'school_teacher');

    // Act
    const { execution } = await stack.drop(
      'SCHOOL_TEACHER_202508301200.csv',
      teacherCsv(3, ['homeroom']),
    );

    // Assess
    expect(execution).toMatchObject({ status: 'FAILED', error: 'RdsLockTimeout' });
    expect(JSON.parse(execution.cause ?? '{}')).toMatchObject({
      errorType: 'RdsLockTimeout',
      errorMessage: expect.stringContaining(
        `MySQL table \`${stack.db.database}\`.\`school_teacher\` is locked: ALTER TABLE waited 1 s`,
      ),
    });
    expect(stateOf(execution, 'SyncRdsDdl')).toMatchObject({ status: 'FAILED', retries: 4 });
    expect((await stack.db.columns('school_teacher')).map((c) => c.name)).toEqual(TEACHER_COLUMNS);
  });
});
