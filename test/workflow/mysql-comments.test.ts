import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { catalogColumnNames } from '../../shared/naming/catalog-column-names.js';
import { startTestS3, type TestS3 } from '../support/local-s3.js';
import { startWorkflowStack, type WorkflowTestStack } from './workflow-test-stack.js';

/** MySQL's COMMENT for each header cell: the cell where the catalog name differs, else none. */
function expectedComments(header: string[]) {
  const names = catalogColumnNames(header);
  return header.map((cell, i) => ({
    name: names[i],
    comment: names[i] === cell ? '' : cell,
  }));
}

describe('MySQL columns and comments from the header, through the workflow', () => {
  let s3: TestS3;
  let stack: WorkflowTestStack | undefined;
  beforeAll(async () => {
    s3 = await startTestS3([]);
  });
  afterEach(async () => {
    await stack?.stop();
    stack = undefined;
  });
  afterAll(async () => s3?.stop());

  it('mirrors a Korean header with duplicate, blank and JavaScript-property cells, comments included', async () => {
    // Prepare
    stack = await startWorkflowStack(s3);
    const header = [
      '학번',
      '이름',
      '학교 code',
      'E-mail',
      'constructor',
      '',
      'Id',
      'ID',
      '__proto__',
    ];
    const row = header.map((_, i) => `값${i}`).join(',');

    // Act
    const { execution } = await stack.drop(
      'SCHOOL_STUDENT_20250901.csv',
      `${header.join(',')}\n${row}\n`,
    );

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.output).toMatchObject({
      mysql: { created: true, commented: { count: 0 }, kept: { count: 0 } },
    });
    expect(await stack.db.comments('school_student')).toEqual(expectedComments(header));
  });

  it('brings comments in step when a later snapshot spells the header otherwise, without a rebuild', async () => {
    // Prepare
    const logLines: string[] = [];
    stack = await startWorkflowStack(s3, { logLines });
    const first = ['학번', 'Member No', 'Reg Date', 'memo'];
    const later = ['학번', 'MEMBER NO', 'Reg Date', 'Memo'];
    await stack.drop('MEMBER_202509010000.csv', `${first.join(',')}\n1,2,3,4\n`);

    // Act
    const { execution } = await stack.drop(
      'MEMBER_202509020000.csv',
      `${later.join(',')}\n1,2,3,4\n`,
    );

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    const mysql = (execution.output as { mysql: Record<string, unknown> }).mysql;
    expect(mysql).toMatchObject({
      created: false,
      statements: 1,
      added: { count: 0 },
      widened: { count: 0 },
      commented: { count: 2, first: ['member_no', 'memo'] },
      kept: { count: 0 },
    });
    // The statements themselves are in the Lambda's log, not in the state.
    const synced = logLines
      .map((line) => JSON.parse(line) as { message: string; statements?: string[] })
      .filter((line) => line.message === 'Synced MySQL table');
    // Every line of the invocation names the execution it served ($$.Execution.Name)
    expect(synced.at(-1)).toMatchObject({ execution: execution.name, table: 'member' });
    expect(synced.at(-1)?.statements).toEqual([
      expect.stringMatching(
        /^ALTER TABLE .* MODIFY COLUMN `member_no` varchar\(255\) COMMENT 'MEMBER NO', MODIFY COLUMN `memo` varchar\(255\) COMMENT 'Memo', ALGORITHM=INSTANT$/,
      ),
    ]);
    expect(await stack.db.comments('member')).toEqual(expectedComments(later));
  });

  it.each([
    ['학교목록_20250901.csv', '학교목록'],
    ['constructor_20250901.csv', 'constructor'],
  ])('creates the MySQL table a file named %s gives, under that name', async (file, table) => {
    // Prepare
    stack = await startWorkflowStack(s3);
    const header = ['학번', 'toString', 'select'];

    // Act
    const { execution } = await stack.drop(file, `${header.join(',')}\n1,2,3\n`);

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.output).toMatchObject({ mysql: { table, created: true } });
    expect(await stack.db.tables()).toEqual([table]);
    expect(await stack.db.comments(table)).toEqual(expectedComments(header));
  });
});
