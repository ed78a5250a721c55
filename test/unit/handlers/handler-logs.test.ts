import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCheckSnapshotHandler } from '../../../functions/check-snapshot/handler.js';
import { createFileUploadHandler } from '../../../functions/file-upload/handler.js';
import { defaultConfig } from '../../../shared/config/load-config.js';
import { dropFile } from '../../support/drop-file.js';
import { startTestS3, type TestS3 } from '../../support/local-s3.js';
import { capturingLogger, contextWith } from './handler-fixture.js';

const BUCKET = 'school-dumps';
const HEADER = '학번,이름,학년,반\n';
const ROWS = '20250001,김민준,3,2\n20250002,이서연,3,1\n';

/** Puts a filed snapshot in place under its table's prefix. */
async function fileSnapshot(s3: TestS3, table: string, snapshot: string) {
  const key = `${table}/${table}_${snapshot}.csv`;
  await s3.client.send(
    new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: `${HEADER}${ROWS}` }),
  );
  return { bucket: BUCKET, key, table, snapshot, superseded: false };
}

describe('handler log lines carry the invocation', () => {
  let s3: TestS3;

  beforeAll(async () => {
    s3 = await startTestS3([BUCKET]);
  });

  afterAll(async () => {
    await s3?.stop();
  });

  beforeEach(() => {
    // As on Lambda: Powertools reports cold_start only on an on-demand environment.
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
  });

  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('a step line carries the request id, the function, the table and the key', async () => {
    // Prepare
    const { logger, lines } = capturingLogger();
    const check = createCheckSnapshotHandler(async () => ({
      s3: s3.client,
      config: defaultConfig(),
      logger,
    }));
    const event = await fileSnapshot(s3, '학생명부', '202508291511');
    const context = contextWith('5f1c0d6e-1111-4000-8000-00000000a001', 'csv-catalog-dev-check');

    // Act
    await check(event, context);

    // Assess
    const line = lines.find((l) => l.message === 'Checked snapshot');
    expect(line).toMatchObject({
      level: 'INFO',
      service: 'csv-catalog',
      function_request_id: context.awsRequestId,
      function_name: 'csv-catalog-dev-check',
      cold_start: true,
      handler: 'check-snapshot',
      table: '학생명부',
      key: '학생명부/학생명부_202508291511.csv',
    });
  });

  it('invocations at once on one logger each keep their own request id and table', async () => {
    // Prepare: one handler and one logger, as the local stack runs several workflows at once
    const { logger, lines } = capturingLogger();
    const check = createCheckSnapshotHandler(async () => ({
      s3: s3.client,
      config: defaultConfig(),
      logger,
    }));
    const tables = ['학생명부', '교사목록', 'psy_ord_class', '학교정보'];
    const events = await Promise.all(tables.map((t) => fileSnapshot(s3, t, '202509010900')));
    const requestIds = tables.map((_, i) => `0c7e55aa-2222-4000-8000-00000000b00${i}`);

    // Act
    await Promise.all(events.map((event, i) => check(event, contextWith(requestIds[i] ?? ''))));
    await check(events[0] ?? events[1]!, contextWith('0c7e55aa-2222-4000-8000-00000000c000'));

    // Assess: every line's table is the one its request asked about
    const checked = lines.filter((l) => l.message === 'Checked snapshot');
    expect(checked).toHaveLength(tables.length + 1);
    for (const [i, table] of tables.entries()) {
      const mine = checked.filter((l) => l.function_request_id === requestIds[i]);
      expect(mine).toEqual([expect.objectContaining({ table, key: events[i]?.key })]);
    }
    // Collaborators were resolved by the first invocation: only its lines say cold start.
    expect(checked.filter((l) => l.cold_start === true)).toHaveLength(1);
    expect(checked.at(-1)).toMatchObject({
      function_request_id: '0c7e55aa-2222-4000-8000-00000000c000',
      cold_start: false,
    });
  });

  it('file-upload lines carry the request id of the S3 event they file', async () => {
    // Prepare
    const { logger, lines } = capturingLogger();
    const upload = createFileUploadHandler(async () => ({
      s3: s3.client,
      config: defaultConfig(),
      logger,
    }));
    const event = await dropFile(s3, BUCKET, '학교 목록_202508291512.csv', `${HEADER}${ROWS}`);
    const context = contextWith('9d2f4b1a-3333-4000-8000-00000000d001', 'csv-catalog-dev-upload');

    // Act
    const result = await upload(event, context);

    // Assess
    expect(result.filed).toBe(1);
    const filed = lines.filter((l) => String(l.message).startsWith('filed '));
    expect(filed).toEqual([
      expect.objectContaining({
        function_request_id: context.awsRequestId,
        handler: 'file-upload',
        message: expect.stringContaining('학교 목록_202508291512.csv'),
      }),
    ]);
  });
});
