import { describe, expect, it } from 'vitest';
import { createBucketSetupHandler } from '../../../functions/bucket-setup/handler.js';
import { createCheckSnapshotHandler } from '../../../functions/check-snapshot/handler.js';
import { createCoerceSchemaHandler } from '../../../functions/coerce-schema/handler.js';
import { createDecideCrawlHandler } from '../../../functions/decide-crawl/handler.js';
import { createDescribeCrawlFailureHandler } from '../../../functions/describe-crawl-failure/handler.js';
import { createEnsureCrawlerHandler } from '../../../functions/ensure-crawler/handler.js';
import { createFileUploadHandler } from '../../../functions/file-upload/handler.js';
import { createLoadRowsHandler } from '../../../functions/load-rows/handler.js';
import { createSyncRdsDdlHandler } from '../../../functions/sync-rds-ddl/handler.js';
import type { Logger } from '../../../shared/logging/logger.js';
import { capturingLogger, contextWith, unusedCollaborators } from './handler-fixture.js';

const BUCKET = 'school-dumps';
const KEY = '학생명부/학생명부_202508291511.csv';
const TABLE = '학생명부';

/** A handler as these tests call it: any event, the context, a promise. */
type Invoke = (event: unknown) => Promise<unknown>;

interface BadEventCase {
  handler: string;
  build: (logger: Logger) => Invoke;
  event: Record<string, unknown>;
  /** The wrong field, as InvalidEvent names it. */
  field: string;
}

const context = contextWith('a1b2c3d4-0000-4000-8000-000000000001');

/** Each handler, built as the local stack builds it, and one event wrong in one field. */
const CASES: BadEventCase[] = [
  {
    handler: 'check-snapshot',
    build: (logger) => (event) =>
      createCheckSnapshotHandler(async () => unusedCollaborators(logger))(event as never, context),
    event: { bucket: BUCKET, key: KEY, table: TABLE, snapshot: null, superseded: '아니오' },
    field: 'superseded',
  },
  {
    handler: 'ensure-crawler',
    build: (logger) => (event) =>
      createEnsureCrawlerHandler(async () => unusedCollaborators(logger))(event as never, context),
    event: { bucket: BUCKET, table: TABLE, delimiter: ',;', quote: '"' },
    field: 'delimiter',
  },
  {
    handler: 'decide-crawl',
    build: (logger) => (event) =>
      createDecideCrawlHandler(async () => unusedCollaborators(logger))(event as never, context),
    event: { bucket: BUCKET, table: TABLE },
    field: 'key',
  },
  {
    handler: 'describe-crawl-failure',
    build: (logger) => (event) =>
      createDescribeCrawlFailureHandler(async () => unusedCollaborators(logger))(
        event as never,
        context,
      ),
    event: { bucket: BUCKET, table: TABLE, crawler: '', errorMessage: '테이블이 너무 많음' },
    field: 'crawler',
  },
  {
    handler: 'coerce-schema',
    build: (logger) => (event) =>
      createCoerceSchemaHandler(async () => unusedCollaborators(logger))(event as never, context),
    event: {
      bucket: BUCKET,
      key: KEY,
      table: TABLE,
      snapshot: '202508291511',
      superseded: false,
      delimiter: ',',
      quote: '',
    },
    field: 'quote',
  },
  {
    handler: 'sync-rds-ddl',
    build: (logger) => (event) =>
      createSyncRdsDdlHandler(async () => unusedCollaborators(logger))(event as never, context),
    // Strict: a field the step does not read is refused by name.
    event: { bucket: BUCKET, key: KEY, table: TABLE, 실행: 'x' },
    field: '실행',
  },
  {
    handler: 'load-rows',
    build: (logger) => (event) =>
      createLoadRowsHandler(async () => unusedCollaborators(logger))(event as never, context),
    event: { bucket: BUCKET, key: KEY, table: TABLE, offset: -1, chunks: 0, eTag: null },
    field: 'offset',
  },
  {
    handler: 'file-upload',
    build: (logger) => (event) =>
      createFileUploadHandler(async () => unusedCollaborators(logger))(event as never, context),
    // An S3 notification whose object has no key.
    event: {
      Records: [
        {
          eventSource: 'aws:s3',
          eventName: 'ObjectCreated:Put',
          s3: { bucket: { name: BUCKET }, object: { size: 3 } },
        },
      ],
    },
    field: 'Records.0.s3.object.key',
  },
  {
    handler: 'bucket-setup',
    build: (logger) => (event) =>
      createBucketSetupHandler(async () => unusedCollaborators(logger))(event as never, context),
    event: {
      RequestType: 'Create',
      StackId: 'arn:aws:cloudformation:ap-northeast-2:123456789012:stack/csv-catalog/1',
      RequestId: 'req-1',
      LogicalResourceId: 'DropBucketSetup',
    },
    field: 'ResponseURL',
  },
];

describe('every handler refuses a bad event', () => {
  it.each(CASES)('$handler fails with InvalidEvent naming $field', async (c) => {
    // Prepare
    const { logger, lines } = capturingLogger();
    const invoke = c.build(logger);

    // Act
    const act = invoke(c.event);

    // Assess
    const error = await act.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'InvalidEvent' });
    expect((error as { fields: string[] }).fields).toContain(c.field);
    expect((error as Error).message).toContain(`${c.field}: `);
    // The refusal is on the log too, with the request id of the invocation it refused.
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        handler: c.handler,
        function_request_id: context.awsRequestId,
        fields: expect.arrayContaining([c.field]),
      }),
    );
  });

  it('covers all nine handlers', () => {
    // Prepare
    const handlers = CASES.map((c) => c.handler);

    // Act
    const distinct = new Set(handlers);

    // Assess
    expect(distinct.size).toBe(9);
  });
});
