import type { Writable } from 'node:stream';
import { Writable as WritableStream } from 'node:stream';
import type { Context } from 'aws-lambda';
import { createGlueClient } from '../../../shared/aws/glue-client.js';
import { createS3Client } from '../../../shared/aws/s3-client.js';
import type { Config } from '../../../shared/config/config-schema.js';
import { defaultConfig } from '../../../shared/config/load-config.js';
import { SdkGlueCatalog } from '../../../shared/glue/sdk-glue-catalog.js';
import { createLogger, type Logger } from '../../../shared/logging/logger.js';
import type { MysqlSettings } from '../../../shared/mysql/mysql-settings.js';
import { lambdaContext } from '../../support/lambda-context.js';

/** One JSON log line as Powertools writes it, with the keys these tests read. */
export interface LogLine {
  level: string;
  message: string;
  function_request_id?: string;
  function_name?: string;
  cold_start?: boolean;
  handler?: string;
  table?: string;
  key?: string;
  fields?: string[];
  [name: string]: unknown;
}

/** A logger whose lines land in `lines`, parsed. */
export function capturingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const stream: Writable = new WritableStream({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) {
        if (line.trim() !== '') lines.push(JSON.parse(line) as LogLine);
      }
      done();
    },
  });
  return { logger: createLogger({ logLevel: 'INFO', stream }), lines };
}

/** The context of one invocation, with its own request id. */
export function contextWith(awsRequestId: string, functionName = 'csv-catalog-test'): Context {
  return { ...lambdaContext, awsRequestId, functionName };
}

/**
 * Every collaborator any handler takes, as real clients. Endpoints are an unused loopback port:
 * the tests that use this fixture fail before any call, on the event.
 */
export function unusedCollaborators(logger: Logger): {
  config: Config;
  s3: ReturnType<typeof createS3Client>;
  catalog: SdkGlueCatalog;
  mysqlSettings: () => Promise<MysqlSettings>;
  crawlerRole: string;
  logger: Logger;
} {
  const endpoint = 'http://127.0.0.1:9';
  return {
    config: defaultConfig(),
    s3: createS3Client({ endpoint }),
    catalog: new SdkGlueCatalog(createGlueClient({ endpoint })),
    mysqlSettings: async () => {
      throw new Error('not reached: the event is refused first');
    },
    crawlerRole: 'arn:aws:iam::000000000000:role/csv-catalog-crawler',
    logger,
  };
}
