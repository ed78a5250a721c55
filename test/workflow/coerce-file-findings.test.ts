import { GetTableCommand, type Table } from '@aws-sdk/client-glue';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { QUOTED_LINE_BREAKS } from '../../shared/glue/coerce-table.js';
import { LAZY_SIMPLE_SERDE, OPEN_CSV_SERDE } from '../../shared/glue/table-serde.js';
import type { CoerceSummary } from '../../shared/workflow/step-summaries.js';
import { readObject } from '../support/bucket-contents.js';
import { lambdaContext } from '../support/lambda-context.js';
import { startTestS3, type TestS3 } from '../support/local-s3.js';
import { startWorkflowStack, taskPayload, type WorkflowTestStack } from './workflow-test-stack.js';

/** Korean rows, unquoted, about `bytes` long. */
function plainRows(bytes: number, from = 1): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = from; size < bytes; i++) {
    const line = `${i},김민준${i},서울특별시 마포구 ${i}번지`;
    lines.push(line);
    size += Buffer.byteLength(line) + 1;
  }
  return `${lines.join('\n')}\n`;
}

describe('CoerceSchema reads the whole filed file: SerDe, quoted line breaks, ragged lines', () => {
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

  const tableOf = async (name: string): Promise<Table | undefined> => {
    const { Table } = await stack!.glueClient.send(
      new GetTableCommand({ DatabaseName: stack!.config.glue.database, Name: name }),
    );
    return Table;
  };

  it('gives an unquoted file OpenCSVSerde with an escapeChar the file does not hold, so backslashes survive', async () => {
    // Prepare
    stack = await startWorkflowStack(s3);
    const csv = '학번,경로,비고\n1,C:\\data\\새폴더,a\\b\n2,\\\\server\\share,끝\\\n';

    // Act
    const { execution } = await stack.drop('PATHS_20250901.csv', csv);

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    const serde = (await tableOf('paths'))?.StorageDescriptor?.SerdeInfo;
    expect(serde?.SerializationLibrary).toBe(OPEN_CSV_SERDE);
    expect(serde?.Parameters).toEqual({ separatorChar: ',', quoteChar: '"', escapeChar: '\u0000' });
    const filed = (await readObject(s3, stack.bucket, 'paths/PATHS_20250901.csv')).toString();
    expect(filed).toContain('\\');
    expect(filed).not.toContain(serde?.Parameters?.escapeChar ?? '\\');
  });

  it('chooses another escapeChar for a file that holds NUL characters', async () => {
    // Prepare
    stack = await startWorkflowStack(s3);
    const csv = 'id,value\n1,a\u0000b\n2,c\\d\n';

    // Act
    const { execution } = await stack.drop('NULS_20250901.csv', csv);

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    const parameters = (await tableOf('nuls'))?.StorageDescriptor?.SerdeInfo?.Parameters;
    expect(parameters?.escapeChar).toBe('\u0001');
    expect(csv).not.toContain(parameters?.escapeChar ?? '\u0000');
  });

  it('gives OpenCSVSerde to a file whose first quoted field comes after 70 KB', async () => {
    // Prepare
    stack = await startWorkflowStack(s3);
    const csv = `id,name,address\n${plainRows(70_000)}4000,late,"Mapo-gu, Seoul"\n`;

    // Act
    const { execution } = await stack.drop('LATE_QUOTE_20250901.csv', csv);

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.output).toMatchObject({ warnings: { count: 0, first: [] } });
    const serde = (await tableOf('late_quote'))?.StorageDescriptor?.SerdeInfo;
    expect(serde?.SerializationLibrary).toBe(OPEN_CSV_SERDE);
    expect(serde?.Parameters).toMatchObject({ separatorChar: ',', quoteChar: '"' });
  });

  it('uses LazySimpleSerDe only where config asks for it', async () => {
    // Prepare
    stack = await startWorkflowStack(s3, {
      config: { tables: { tab_dump: { serde: 'lazy-simple' } } },
    });

    // Act
    await stack.drop('TAB_DUMP_20250901.csv', 'id\tname\n1\t김\n2\t이\n');
    await stack.drop('OTHER_DUMP_20250901.csv', 'id\tname\n1\t김\n2\t이\n');

    // Assess
    expect((await tableOf('tab_dump'))?.StorageDescriptor?.SerdeInfo).toMatchObject({
      SerializationLibrary: LAZY_SIMPLE_SERDE,
      Parameters: { 'field.delim': '\t' },
    });
    expect((await tableOf('other_dump'))?.StorageDescriptor?.SerdeInfo).toMatchObject({
      SerializationLibrary: OPEN_CSV_SERDE,
      Parameters: { separatorChar: '\t' },
    });
  });

  it('says so when a quoted field holds a line break, far into the file, and stops saying it once a snapshot holds none', async () => {
    // Prepare
    stack = await startWorkflowStack(s3);
    const rows = plainRows(100_000);
    const lineOfBreak = rows.split('\n').length + 1;
    const multiline = `id,name,address\n${rows}9000,박서준,"서울특별시\n마포구"\n9001,끝,x\n`;

    // Act
    const first = await stack.drop('SCHOOL_NOTE_202509010000.csv', multiline);
    const parametersAfterFirst = (await tableOf('school_note'))?.Parameters;
    const second = await stack.drop('SCHOOL_NOTE_202509020000.csv', `id,name,address\n${rows}`);

    // Assess
    expect(first.execution.status).toBe('SUCCEEDED');
    expect(first.execution.output).toMatchObject({
      warnings: {
        count: 1,
        first: [
          `s3://${stack.bucket}/school_note/SCHOOL_NOTE_202509010000.csv: line ${lineOfBreak} holds a line break inside a quoted field; Athena (OpenCSVSerDe) reads such records split in two`,
        ],
      },
    });
    expect(parametersAfterFirst?.[QUOTED_LINE_BREAKS]).toBe('true');
    expect(second.execution.output).toMatchObject({ warnings: { count: 0, first: [] } });
    expect((await tableOf('school_note'))?.Parameters?.[QUOTED_LINE_BREAKS]).toBeUndefined();
  });

  it('returns each column with its header text as comment, and writes a changed comment', async () => {
    // Prepare
    stack = await startWorkflowStack(s3);
    await stack.drop('MEMBER_202509010000.csv', 'Member No,Reg Date\nM001,2025-09-01\n');
    const { execution } = await stack.drop(
      'MEMBER_202509020000.csv',
      'member no,REG-DATE\nM001,2025-09-02\n',
    );
    const history = stack.runner.history(execution.name);
    const input = history.findLast(
      (e) => e.type === 'StateEntered' && e.stateName === 'CoerceSchema',
    )?.input;

    // Act
    const result = (await stack.handlers.CoerceSchema(
      taskPayload('CoerceSchema', input),
      lambdaContext,
    )) as CoerceSummary;

    // Assess: the state gets a count; the columns and comments are in the catalog
    expect(execution.status).toBe('SUCCEEDED');
    expect(result).toMatchObject({ status: 'unchanged', columns: 2 });
    const columns = (await tableOf('member'))?.StorageDescriptor?.Columns;
    expect(columns?.map((c) => [c.Name, c.Type, c.Comment])).toEqual([
      ['member_no', 'string', 'member no'],
      ['reg_date', 'string', 'REG-DATE'],
    ]);
  });

  it('says which lines have how many fields when the crawler made no table of a ragged file', async () => {
    // Prepare
    stack = await startWorkflowStack(s3);
    const lines = ['a,b,c,d,e'];
    for (let i = 2; i <= 13; i++) {
      const fields = [3, 7, 12].includes(i) ? 4 : i === 9 ? 6 : 5;
      lines.push(Array.from({ length: fields }, (_, f) => `값${i}${f}`).join(','));
    }
    // Fewer than 90% of the rows agree on a width: Glue's classifier gives up
    for (let i = 14; i <= 16; i++) lines.push('x,y,z,w');

    // Act
    const { execution } = await stack.drop('RAGGED_20250901.csv', `${lines.join('\n')}\n`);

    // Assess
    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('CatalogTableMissing');
    expect(execution.cause).toContain(
      `s3://${stack.bucket}/ragged/RAGGED_20250901.csv: the header has 5 fields but lines 3, 7, 12, 14, 15 and 1 more have 4 and line 9 has 6; fix the file, then csv-catalog sync --table ragged`,
    );
  });

  it('warns when a ragged file still got a table', async () => {
    // Prepare
    stack = await startWorkflowStack(s3);
    const rows = Array.from({ length: 30 }, (_, i) =>
      i === 9 ? `${i},김,서울,extra` : `${i},김,서울`,
    );

    // Act
    const { execution } = await stack.drop(
      'MOSTLY_REGULAR_20250901.csv',
      `id,name,city\n${rows.join('\n')}\n`,
    );

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.output).toMatchObject({
      warnings: {
        count: 1,
        first: [
          `s3://${stack.bucket}/mostly_regular/MOSTLY_REGULAR_20250901.csv: the header has 3 fields but line 11 has 4; Athena reads missing fields as NULL and drops extra ones`,
        ],
      },
    });
  });
});
