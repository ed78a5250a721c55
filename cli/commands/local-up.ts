import type { ConsoleServer } from '../../local/console/control-server.js';
import type { LocalStack } from '../../local/stack/local-stack.js';
import { shellArg } from '../../local/stack/shell-arg.js';
import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import type { Config } from '../../shared/config/config-schema.js';
import { describeMysqlSettings, type MysqlSettings } from '../../shared/mysql/mysql-settings.js';
import type { CliIo } from '../cli-io.js';
import { executionEventLine, filingLine } from '../execution-event-printer.js';
import { ExitCode } from '../exit-code.js';
import { DEFAULT_BUCKET, type LocalStackCliOptions } from '../local-stack-options.js';
import { mysqlUnreachableLine } from '../mysql-reachability.js';
import { openLocalStack } from '../open-local-stack.js';
import { waitingAtRoot, waitingLine } from '../waiting-at-root.js';

export interface LocalUpOptions extends LocalStackCliOptions {
  ddlOut?: string;
  verbose?: boolean;
  /** The console's port on 127.0.0.1 (0: a free one). */
  consolePort: number;
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
  const consoleServer = await startConsole(stack, config, mysql, options).catch(async (error) => {
    await stack.close();
    throw error;
  });
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
      `  S3       ${stack.s3Endpoint}   bucket ${stack.bucket}`,
      `  Glue     ${stack.glueEndpoint}   database ${database}`,
      `  console  ${consoleServer.url}`,
      `  MySQL    ${options.ddlOut ? `DDL written to ${options.ddlOut}` : describeMysqlSettings(mysql)}`,
      `  state    ${options.dir}`,
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
  await consoleServer.close();
  await stack.close();
  return ExitCode.Ok;
}

/**
 * The console and control API on loopback, once the stack runs; where it answers and its token
 * go into the running-stack file, for the CLI commands run on the same folder.
 */
async function startConsole(
  stack: LocalStack,
  config: Config,
  mysql: MysqlSettings,
  options: LocalUpOptions,
): Promise<ConsoleServer> {
  const { startConsoleServer } = await import('../../local/console/control-server.js');
  const { loadConsoleAssets } = await import('../../local/console/console-assets.js');
  const server = await startConsoleServer({
    stack,
    config,
    mysql,
    dir: options.dir,
    port: options.consolePort,
    assets: await loadConsoleAssets(),
    ...(options.ddlOut ? { ddlOut: options.ddlOut } : {}),
  });
  stack.recordConsole({ url: server.url, token: server.token });
  return server;
}

/**
 * Executions the last stop of this folder's stack cut short (Ctrl-C, a crash, kill -9): now
 * ABORTED, each with the recovery in its cause; said once at start so nobody waits on them.
 */
function interruptedLine(names: readonly string[], dir: string): string | undefined {
  if (names.length === 0) return undefined;
  const shown =
    names.slice(0, 3).join(', ') + (names.length > 3 ? `, … (${names.length - 3} more)` : '');
  return `  ! ${names.length} execution${names.length === 1 ? ' was' : 's were'} running when this stack last stopped and ${names.length === 1 ? 'is' : 'are'} now ABORTED: ${shown}. Their cause says how to finish them (npx csv-catalog executions --dir ${dir} --status ABORTED).`;
}
