/**
 * Method (b) of `npm run bench:load`, the server's own limit: the `mariadb` command-line
 * client's LOAD DATA LOCAL INFILE of the file on disk, with the loader's very FIELDS/LINES/
 * IGNORE clauses and column list (load-data-statement.ts, only the file name changed) and the
 * loader's strict session. Its peak RSS is the client's, read by /usr/bin/time -v.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { INFILE_NAME, loadDataStatement } from '../shared/mysql/load-data-statement.js';
import type { MysqlSettings } from '../shared/mysql/mysql-settings.js';
import { quoteString } from '../shared/mysql/quote-string.js';
import type { MethodOutcome } from './load-method.js';

export interface CliJob {
  path: string;
  database: string;
  table: string;
  fields: string[];
  delimiter: string;
  quote: string;
  lineBreak: '\n' | '\r\n';
}

const TIME = '/usr/bin/time';

export async function loadWithCli(job: CliJob, settings: MysqlSettings): Promise<MethodOutcome> {
  const statement = loadDataStatement({
    database: job.database,
    table: job.table,
    columns: job.fields,
    delimiter: job.delimiter,
    quote: job.quote,
    lineBreak: job.lineBreak,
    emptyAs: 'null',
  }).replace(quoteString(INFILE_NAME), quoteString(job.path));
  const sql = [
    "SET SESSION sql_mode = CONCAT(@@sql_mode, ',STRICT_ALL_TABLES')",
    statement,
    'SHOW COUNT(*) WARNINGS',
  ].join(';\n');
  const client = [
    'mariadb',
    '--local-infile=1',
    '--default-character-set=utf8mb4',
    '--batch',
    '--skip-column-names',
    `--host=${settings.host}`,
    `--port=${settings.port}`,
    `--user=${settings.user}`,
    '-e',
    sql,
  ];
  const timed = existsSync(TIME);
  const [command, ...args] = timed ? [TIME, '-v', ...client] : client;
  const start = performance.now();
  // The password goes by environment, not argv (ps would show it).
  const child = spawn(command as string, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MYSQL_PWD: settings.password },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const seconds = (performance.now() - start) / 1000;
  if (code !== 0) throw new Error(`mariadb exited with ${code}: ${stderr.slice(-2000)}`);
  const warnings = Number(stdout.trim().split('\n').at(-1));
  if (warnings !== 0) throw new Error(`mariadb's LOAD DATA gave ${stdout.trim()} warnings`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1];
  return {
    // Counted by the caller (COUNT(*)); the client prints no row count in batch mode.
    rows: Number.NaN,
    seconds,
    peakRssMb: rss === undefined ? undefined : Number(rss) / 1024,
  };
}
