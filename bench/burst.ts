/**
 * The 200-file burst of issue [9/10] through `local up`'s stack, in-process (the real S3 server,
 * Glue endpoint and MariaDB): files per minute from the first upload to the last execution's
 * end, the process's CPU, and crawler runs per table.
 * `node --openssl-legacy-provider --import tsx bench/burst.ts [scale]` (scale 1: 200 files).
 *
 * The aim is ≥ 600 files/min. The local runner validates the ASL once per definition
 * (local/workflow/state-machine-validation.ts); the baseline validated it on every execution,
 * which `CSV_CATALOG_VALIDATE_EVERY_EXECUTION=1` brings back: the bench runs the burst both
 * ways, in a child process each (a module-level cache must not carry over), and gives the ratio.
 */
import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { VALIDATE_EVERY_EXECUTION_ENV } from '../local/workflow/state-machine-validation.js';
import { makeMysqlSettings } from '../shared/mysql/mysql-settings.js';
import { openTestDatabase, testMysqlSettings } from '../test/mysql/test-database.js';
import { BURST_TABLES, burstFiles, runBurst } from '../test/workflow/burst-drop.js';

const AIM_FILES_PER_MINUTE = 600;

interface BurstFigures {
  files: number;
  seconds: number;
  filesPerMinute: number;
  cpuSeconds: number;
  succeeded: number;
  notSucceeded: number;
  crawlerRunsPerTable: Record<string, number>;
}

/** One burst in this process. */
async function burstOnce(scale: number): Promise<BurstFigures> {
  const all = burstFiles();
  const files = all.slice(0, Math.max(BURST_TABLES.length, Math.round(all.length * scale)));
  const db = await openTestDatabase();
  try {
    const mysql = makeMysqlSettings({ ...testMysqlSettings(), database: db.database });
    const run = await runBurst({ files, mysqlSettings: async () => mysql });
    const succeeded = run.executions.filter((e) => e.status === 'SUCCEEDED').length;
    return {
      files: files.length,
      seconds: round(run.elapsedMs / 1000),
      filesPerMinute: round(files.length / (run.elapsedMs / 60_000)),
      cpuSeconds: round(run.cpuMs / 1000),
      succeeded,
      notSucceeded: run.executions.length - succeeded,
      crawlerRunsPerTable: Object.fromEntries(run.crawlerRuns),
    };
  } finally {
    await db.drop();
  }
}

/** One burst in a child process, validating the ASL once or on every execution. */
async function burstInChild(scale: number, everyExecution: boolean): Promise<BurstFigures> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--openssl-legacy-provider',
      '--import',
      'tsx',
      fileURLToPath(import.meta.url),
      '--once',
      String(scale),
    ],
    {
      env: {
        ...process.env,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        [VALIDATE_EVERY_EXECUTION_ENV]: everyExecution ? '1' : '',
      },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return JSON.parse(stdout) as BurstFigures;
}

export async function measureBurst(options: { scale: number }): Promise<Record<string, unknown>> {
  const loadAtStart = loadavg();
  const baseline = await burstInChild(options.scale, true);
  const validatedOnce = await burstInChild(options.scale, false);
  const runs = Object.values(validatedOnce.crawlerRunsPerTable);
  return {
    machine: { loadAverageAtStart: loadAtStart.map(round), loadAverageAtEnd: loadavg().map(round) },
    validatedOnce,
    validatedEveryExecution: baseline,
    speedup: round(validatedOnce.filesPerMinute / baseline.filesPerMinute),
    cpuRatio: round(validatedOnce.cpuSeconds / baseline.cpuSeconds),
    aim: `≥ ${AIM_FILES_PER_MINUTE} files/min, crawler runs per table 1 or 2`,
    aimMet:
      validatedOnce.filesPerMinute >= AIM_FILES_PER_MINUTE &&
      validatedOnce.notSucceeded === 0 &&
      runs.length === BURST_TABLES.length &&
      runs.every((n) => n >= 1 && n <= 2),
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const once = args[0] === '--once';
  const scale = Number((once ? args[1] : args[0]) ?? 1);
  const figures = once ? await burstOnce(scale) : await measureBurst({ scale });
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
}
