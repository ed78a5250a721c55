/**
 * `npm run bench [-- --quick] [-- --out FILE]`: every measurement of issue [9/10] side by side in
 * one run, on this machine, as one table and in bench/results.json under `bench` (what else the
 * file holds, `load` from `npm run bench:load` say, is kept). Compare runs on the same machine
 * only, and read the load average first: the machine may be busy with other work.
 *
 * Each measurement is its own module (bench/<part>.ts, runnable alone), imported when its turn
 * comes and run in its own try/catch, so one that fails (or is missing) leaves its error in
 * the JSON and the others still run. `--quick` runs each at a small scale, for trying; it
 * writes no file unless `--out` says where.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatTable, type MeasurementEntry, summaryRows } from './bench-summary.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = join(ROOT, 'bench', 'results.json');

type Measure = (options: { scale: number }) => Promise<Record<string, unknown>>;

interface Measurement {
  key: string;
  /** Imports the module and picks its measure function; throws when it is absent. */
  load: () => Promise<Measure>;
  scale: { full: number; quick: number };
  /** Work the measurement needs first (a build); what it did goes into its JSON. */
  prepare?: () => Record<string, unknown>;
}

/** In the order they run: the long, disk-heavy ones apart from the CPU-bound ones. */
const MEASUREMENTS: Measurement[] = [
  {
    key: 'filingReads',
    load: async () => (await import('./filing-reads.js')).measureFilingReads,
    scale: { full: 1, quick: 0.01 },
  },
  {
    key: 'filing',
    load: async () => (await import('./filing.js')).measureFiling,
    // 500 files: at 200 the ratio with 20 ms added moved ±10 % from run to run.
    scale: { full: 1, quick: 0.04 },
  },
  {
    key: 'transcode',
    load: async () => (await import('./transcode.js')).measureTranscode,
    scale: { full: 1, quick: 0.05 },
  },
  {
    // The whole filing of a 1 GB CP949 file vs iconv: disk-heavy, next to the transcode.
    key: 'cp949Filing',
    load: async () => (await import('./cp949-filing.js')).measureCp949Filing,
    scale: { full: 1, quick: 0.05 },
  },
  {
    key: 'burst',
    load: () => optionalMeasure(() => import('./burst.js'), 'measureBurst'),
    scale: { full: 1, quick: 0.1 },
  },
  {
    key: 'crawlerSample',
    load: async () => (await import('./crawler-sample.js')).measureCrawlerSample,
    scale: { full: 1, quick: 0.01 },
  },
  {
    key: 'cliStart',
    load: async () => (await import('./cli-start.js')).measureCliStart,
    scale: { full: 1, quick: 0.25 },
    prepare: buildIfStale,
  },
  {
    key: 'sniff',
    load: async () => (await import('./sniff.js')).measureSniff,
    scale: { full: 1, quick: 0.25 },
  },
  {
    // Not asked for by the bench list: the per-invocation cost of createHandler.
    key: 'handlers',
    load: () => optionalMeasure(() => import('./handlers.js'), 'measureHandlers'),
    scale: { full: 1, quick: 0.25 },
  },
];

/**
 * A measurement written by another part of the issue, looked up by name: absent or broken is
 * reported in its row and JSON, never fatal to the run.
 */
async function optionalMeasure(
  importer: () => Promise<Record<string, unknown>>,
  name: string,
): Promise<Measure> {
  const module = await importer().catch((error: unknown) => {
    throw new Error(`not available: ${error instanceof Error ? error.message : String(error)}`);
  });
  const measure = module[name];
  if (typeof measure !== 'function') throw new Error(`not available: no ${name} export`);
  return measure as Measure;
}

interface Options {
  quick: boolean;
  out?: string;
  only?: string[];
}

function parseOptions(args: string[]): Options {
  const flagValue = (flag: string) => {
    const at = args.indexOf(flag);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const only = flagValue('--only')?.split(',');
  const quick = args.includes('--quick');
  const out = flagValue('--out') ?? (quick || only ? undefined : RESULTS);
  return { quick, ...(out ? { out } : {}), ...(only ? { only } : {}) };
}

async function main() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const options = parseOptions(process.argv.slice(2));
  const started = performance.now();
  const date = new Date().toISOString();
  const loadAtStart = loadAverage();
  const machine = {
    cpus: cpus().length,
    model: cpus()[0]?.model ?? 'unknown',
    memoryMb: Math.round(totalmem() / 1024 ** 2),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
  process.stdout.write(
    `${date}  ${machine.cpus} × ${machine.model}, ${machine.memoryMb} MB, node ${machine.node}` +
      `${options.quick ? '  (--quick)' : ''}\nload average at start: ${loadAtStart.join(' ')}\n`,
  );

  const measurements: Record<string, MeasurementEntry> = {};
  for (const measurement of MEASUREMENTS) {
    if (options.only && !options.only.includes(measurement.key)) continue;
    measurements[measurement.key] = await runOne(measurement, options.quick);
  }

  const loadAtEnd = loadAverage();
  const rows = summaryRows(measurements);
  const seconds = Math.round((performance.now() - started) / 1000);
  process.stdout.write(
    `\n${formatTable(rows)}\n\nload average at end: ${loadAtEnd.join(' ')}  (${seconds} s in all)\n`,
  );
  const results = {
    date,
    quick: options.quick,
    machine,
    loadAverage: { start: loadAtStart, end: loadAtEnd },
    seconds,
    table: rows,
    measurements,
  };
  if (options.out) {
    await writeMerged(options.out, results);
    process.stdout.write(`written to ${options.out} under "bench"\n`);
  }
}

/** One measurement at its scale, timed; its error, not a throw, when it fails. */
async function runOne(measurement: Measurement, quick: boolean): Promise<MeasurementEntry> {
  const scale = quick ? measurement.scale.quick : measurement.scale.full;
  process.stderr.write(`${measurement.key} (scale ${scale}) …\n`);
  const start = performance.now();
  const benchSeconds = () => Math.round((performance.now() - start) / 100) / 10;
  let prepared: Record<string, unknown> | undefined;
  try {
    prepared = measurement.prepare?.();
    const measure = await measurement.load();
    const figures = await measure({ scale });
    return { ...figures, scale, benchSeconds: benchSeconds(), ...(prepared ? { prepared } : {}) };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    process.stderr.write(`${measurement.key} failed: ${message}\n`);
    return {
      error: message,
      scale,
      benchSeconds: benchSeconds(),
      ...(prepared ? { prepared } : {}),
    };
  }
}

/**
 * bench/results.json is shared: these figures go under `bench`; every other key (`load`,
 * written by `npm run bench:load`) is read again just before writing and kept as it is.
 */
async function writeMerged(path: string, results: Record<string, unknown>): Promise<void> {
  let existing: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      existing = parsed as Record<string, unknown>;
    }
  } catch {
    // No file yet (or not JSON): start one.
  }
  await writeFile(path, `${JSON.stringify({ ...existing, bench: results }, null, 2)}\n`);
}

/**
 * The CLI bench runs dist/: rebuilt here (tsc, then the state machines copied, as
 * `npm run build` does) when any source it is built from is newer than dist/cli/main.js, so the
 * figures are the current code's. tsc still writes its output when another file has a type
 * error; its exit status is recorded.
 */
function buildIfStale(): Record<string, unknown> {
  const main = join(ROOT, 'dist', 'cli', 'main.js');
  const builtAt = existsSync(main) ? statSync(main).mtimeMs : 0;
  const newer = ['cli', 'shared', 'local', 'functions'].flatMap((dir) =>
    readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && statSync(join(ROOT, dir, f)).mtimeMs > builtAt)
      .map((f) => join(dir, f)),
  );
  if (newer.length === 0) return { rebuilt: false };
  const start = performance.now();
  const tsc = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  cpSync(join(ROOT, 'statemachines'), join(ROOT, 'dist', 'statemachines'), { recursive: true });
  const errors = tsc.stdout.split('\n').filter((l) => l.includes('error TS'));
  return {
    rebuilt: true,
    because: `${newer.length} source file(s) newer than dist/, ${newer[0]} first`,
    tscExitCode: tsc.status,
    tscErrors: errors.slice(0, 5),
    seconds: Math.round((performance.now() - start) / 100) / 10,
  };
}

function loadAverage(): number[] {
  return loadavg().map((n) => Number(n.toFixed(2)));
}

await main();
