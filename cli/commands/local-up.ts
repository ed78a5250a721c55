import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import { describeMysqlSettings } from '../../shared/mysql/mysql-settings.js';
import type { CliIo } from '../cli-io.js';
import { executionEventLine, filingLine } from '../execution-event-printer.js';
import { ExitCode } from '../exit-code.js';
import { DEFAULT_BUCKET, type LocalStackCliOptions } from '../local-stack-options.js';
import { mysqlUnreachableLine } from '../mysql-reachability.js';
import { openLocalStack } from '../open-local-stack.js';
import { shellArg } from '../shell-arg.js';
import { waitingAtRoot, waitingLine } from '../waiting-at-root.js';

export interface LocalUpOptions extends LocalStackCliOptions {
  ddlOut?: string;
  verbose?: boolean;
}

/** `csv-catalog local up`: the local stack in the foreground until Ctrl-C or SIGTERM. */
export async function localUp(options: LocalUpOptions, io: CliIo): Promise<ExitCode> {
  const print = (line: string | undefined) => {
    if (line) io.stdout.write(`${line}\n`);
  };
  const { stack, config, mysql } = await openLocalStack(
    options,
    io,
    (record, event) => print(executionEventLine(record, event, options.dir)),
    (outcome) => print(filingLine(outcome)),
  );
  const database = config.glue.database;
  const dir = shellArg(options.dir);
  const backfill = `npx csv-catalog backfill --dir ${dir}${
    stack.bucket === DEFAULT_BUCKET ? '' : ` --bucket ${shellArg(stack.bucket)}`
  }`;
  // What a person must know before dropping anything: files no event will file, and a
  // MySQL every execution would fail at.
  const notices = [
    interruptedLine(stack.interrupted, dir),
    waitingLine(await waitingAtRoot(new S3ObjectStore(stack.s3, stack.bucket), config), backfill),
    options.ddlOut ? undefined : await mysqlUnreachableLine(mysql),
  ].filter((line): line is string => line !== undefined);
  io.stdout.write(
    [
      'csv-catalog local stack',
      `  S3     ${stack.s3Endpoint}   bucket ${stack.bucket}`,
      `  Glue   ${stack.glueEndpoint}   database ${database}`,
      `  MySQL  ${options.ddlOut ? `DDL written to ${options.ddlOut}` : describeMysqlSettings(mysql)}`,
      `  state  ${options.dir}`,
      ...notices,
      '',
      'Any credentials do (export AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x AWS_DEFAULT_REGION=us-east-1), then:',
      `  drop a file:     aws s3 cp PSY_ORD_CLASS_202508291511.csv s3://${stack.bucket}/ --endpoint-url ${stack.s3Endpoint}`,
      `  the catalog:     aws glue get-tables --database-name ${database} --endpoint-url ${stack.glueEndpoint}`,
      `  executions:      npx csv-catalog executions --dir ${dir}`,
      'Ctrl-C stops.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  io.stdout.write('stopping…\n');
  await stack.close();
  return ExitCode.Ok;
}

/**
 * Executions the last stop of this folder's stack cut short (Ctrl-C, a crash, kill -9): now
 * ABORTED, each with the recovery in its cause; said once at start so nobody waits on them.
 */
function interruptedLine(names: readonly string[], dir: string): string | undefined {
  if (names.length === 0) return undefined;
  const shown =
    names.slice(0, 3).join(', ') + (names.length > 3 ? `, … (${names.length - 3} more)` : '');
  return `  ! ${names.length} execution${names.length === 1 ? ' was' : 's were'} running when this stack last stopped and ${names.length === 1 ? 'is' : 'are'} now ABORTED: ${shown}. Their cause says how to finish them (npx csv-catalog executions --dir ${dir} --status ABORTED); replay needs this stack stopped.`;
}
