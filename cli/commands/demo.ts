import { join } from 'node:path';
import type { Command } from 'commander';
import { describeError, RdsUnavailable } from '../../shared/errors.js';
import { describeMysqlSettings, mysqlSettingsFromUrl } from '../../shared/mysql/mysql-settings.js';
import { openMysql } from '../../shared/mysql/open-mysql.js';
import { mysqlUrlOption } from '../cli-config.js';
import type { CliIo } from '../cli-io.js';
import type { ExitCode } from '../exit-code.js';
import { DEFAULT_BUCKET } from '../local-stack-options.js';
import { packageRoot } from '../package-root.js';
import { shellArg } from '../shell-arg.js';
import { localRun } from './local-run.js';

interface DemoOptions {
  dir: string;
  ddlOut: string;
  mysqlUrl: string;
  json?: boolean;
}

/** `csv-catalog demo` (npm run demo): `local run` over samples/, from a fresh folder. */
export function registerDemoCommand(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description(
      'Run the whole pipeline over the synthetic samples: local S3, Glue endpoint and workflow, and MySQL (or DDL files when no MySQL answers).',
    )
    .option('--dir <dir>', "folder for the demo's state (emptied first)", '.csv-catalog/demo')
    .addOption(mysqlUrlOption())
    .option('--ddl-out <dir>', 'where the DDL goes when no MySQL answers', '.csv-catalog/ddl')
    .option('--json', 'print the run as one JSON document')
    .action(async (options: DemoOptions) => {
      io.exitCode = await demo(options, io);
    });
}

async function demo(options: DemoOptions, io: CliIo): Promise<ExitCode> {
  const ddlOut = (await mysqlAnswers(options.mysqlUrl, io)) ? undefined : options.ddlOut;
  const samples = join(packageRoot(), 'samples');
  io.stderr.write(`dropping the files of ${samples} into a local bucket…\n`);
  const code = await localRun(
    [samples],
    {
      dir: options.dir,
      bucket: DEFAULT_BUCKET,
      s3Port: 0,
      gluePort: 0,
      mysqlUrl: options.mysqlUrl,
      fresh: true,
      json: options.json,
      ddlOut,
    },
    io,
  );
  if (!options.json) io.stdout.write(nextSteps(options.dir));
  return code;
}

async function mysqlAnswers(url: string, io: CliIo): Promise<boolean> {
  const settings = mysqlSettingsFromUrl(url);
  try {
    const connection = await openMysql(settings);
    await connection.end();
    return true;
  } catch (error) {
    const why =
      error instanceof RdsUnavailable ? 'does not answer' : `refused us (${describeError(error)})`;
    io.stderr.write(
      `MySQL at ${describeMysqlSettings(settings)} ${why}: writing the DDL to files instead. To use one: apt-get install mariadb-server (see README), or set MYSQL_URL.\n`,
    );
    return false;
  }
}

/** After the summary (which says where the DDL went, if it was written to files). */
function nextSteps(dir: string): string {
  return [
    '',
    `State of this run: ${dir} (npx csv-catalog executions --dir ${shellArg(dir)}).`,
    'Next: npx csv-catalog local up   — then drop files with any S3 client (see README).',
    '',
  ].join('\n');
}
