import { join } from 'node:path';
import { DEFAULT_CONSOLE_PORT } from '../../local/console/console-api.js';
import { shellArg } from '../../local/stack/shell-arg.js';
import { describeError, RdsUnavailable } from '../../shared/errors.js';
import { describeMysqlSettings, mysqlSettingsFromUrl } from '../../shared/mysql/mysql-settings.js';
import { openMysql } from '../../shared/mysql/open-mysql.js';
import type { CliIo } from '../cli-io.js';
import type { ExitCode } from '../exit-code.js';
import { DEFAULT_BUCKET } from '../local-stack-options.js';
import { packageRoot } from '../package-root.js';
import { localRun } from './local-run.js';

export interface DemoOptions {
  dir: string;
  ddlOut: string;
  mysqlUrl: string;
  json?: boolean;
}

/** `csv-catalog demo` (npm run demo): `local run` over samples/, from a fresh folder. */
export async function demo(options: DemoOptions, io: CliIo): Promise<ExitCode> {
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
      // The demo shows the rows arriving; a team's own config keeps rds.load off until it chooses.
      load: 'replace',
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
    `See them in the browser: npx csv-catalog local up --dir ${shellArg(dir)}   — its console is at http://127.0.0.1:${DEFAULT_CONSOLE_PORT}/`,
    'Next: npx csv-catalog local up   — then drop files with any S3 client (see README).',
    '',
  ].join('\n');
}
