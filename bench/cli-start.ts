/**
 * How long the csv-catalog command takes to start, against a bare `node -e 0`:
 * `node --openssl-legacy-provider --import tsx bench/cli-start.ts [scale]` (after `npm run build`:
 * the bin runs dist/).
 *
 * - Each command is run `max(5, 21 × scale)` times, round-robin (so a burst of load elsewhere
 *   on the machine falls on every command alike), as `node bin/csv-catalog.js …`; the figure is
 *   the median wall time of the child process, spawn included.
 * - `executions` reads a small local folder: three executions written by the local runner's own
 *   store (FolderExecutionStore), one for a Korean table, one FAILED with a cause.
 * - `every command's code` imports every dist/cli/commands/*.js module, as the CLI did before
 *   commands were loaded when they run: the start each command used to pay, measured in the
 *   same run.
 * - `modulesLoaded`: the files (and their size) each start loads, as a cold disk cache reads
 *   them on a first run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExecutionRecord } from '../local/workflow/execution-record.js';
import { FolderExecutionStore } from '../local/workflow/folder-execution-store.js';
import type { WorkflowInput } from '../shared/workflow/workflow-input.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'csv-catalog.js');
const MODULE_LOG = join(ROOT, 'test', 'support', 'module-log.mjs');
const RUNS_PER_SCALE = 21;
/** The issue's aim: `--help` and `executions` on a local folder within 3× a bare node start. */
const AIM_RATIO = 3;

interface Probe {
  label: string;
  args: string[];
  /** What the run must print, so a broken build is not measured as a fast one. */
  expect: (stdout: string) => boolean;
}

export async function measureCliStart(options: {
  scale: number;
}): Promise<Record<string, unknown>> {
  const mainJs = join(ROOT, 'dist', 'cli', 'main.js');
  if (!existsSync(mainJs)) throw new Error(`${mainJs} is missing: run npm run build first`);
  const runs = Math.max(5, Math.round(RUNS_PER_SCALE * options.scale));
  const folder = await mkdtemp(join(tmpdir(), 'csv-catalog-cli-start-'));
  try {
    writeSmallHistory(folder);
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
    const probes: Probe[] = [
      { label: 'node -e 0', args: ['-e', '0'], expect: () => true },
      { label: '--help', args: [BIN, '--help'], expect: (out) => out.includes('executions') },
      { label: '--version', args: [BIN, '--version'], expect: (out) => out.trim() === version },
      {
        label: 'executions --dir <folder>',
        args: [BIN, 'executions', '--dir', folder],
        expect: (out) => out.includes('학생') && out.includes('FAILED'),
      },
      {
        label: "every command's code",
        args: ['--input-type=module', '-e', eagerImportScript()],
        expect: () => true,
      },
    ];
    const times = new Map(probes.map((p) => [p.label, [] as number[]]));
    for (let run = 0; run < runs; run++) {
      for (const probe of probes) times.get(probe.label)?.push(timeRun(probe));
    }
    const medians = Object.fromEntries(
      [...times].map(([label, ms]) => [label, round(median(ms))]),
    ) as Record<string, number>;
    const bare = medians['node -e 0'] ?? Number.NaN;
    const ratio = (label: string) => round((medians[label] ?? Number.NaN) / bare, 2);
    const ratios = Object.fromEntries(probes.slice(1).map((p) => [p.label, ratio(p.label)]));
    return {
      what: 'CLI start: median wall time of `node bin/csv-catalog.js …` vs `node -e 0`',
      runs,
      medianMs: medians,
      ratioToNode: ratios,
      aim: `--help and executions on a local folder within ${AIM_RATIO}× node -e 0`,
      aimMet: ratio('--help') <= AIM_RATIO && ratio('executions --dir <folder>') <= AIM_RATIO,
      // What a cold disk cache (a first run) has to read: the files each start loads.
      modulesLoaded: Object.fromEntries(
        probes.slice(1).map((p) => [p.label, modulesLoadedBy(p, folder)]),
      ),
      distOlderThanSources: distIsStale(),
      machine: {
        cpus: cpus().length,
        node: process.version,
        loadAverage: loadavg().map((l) => round(l, 2)),
        date: new Date().toISOString(),
      },
    };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** One run of a probe, in milliseconds; a run that fails or prints the wrong thing throws. */
function timeRun(probe: Probe): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, probe.args, { cwd: ROOT, encoding: 'utf8' });
  const ms = performance.now() - start;
  // `executions` exits 1 when a listed execution failed, as this folder's third one did.
  if (result.status === null || result.status > 1 || !probe.expect(result.stdout)) {
    throw new Error(`${probe.label} failed (${result.status}): ${result.stderr || result.stdout}`);
  }
  return ms;
}

/** The files one run of the probe loads (test/support/module-log.mjs), and their size. */
function modulesLoadedBy(probe: Probe, folder: string): { files: number; kB: number } {
  const log = join(folder, `modules-${probe.label.replace(/\W+/g, '-')}.txt`);
  spawnSync(process.execPath, ['--import', MODULE_LOG, ...probe.args], {
    cwd: ROOT,
    env: { ...process.env, MODULE_LOG: log },
  });
  const files = new Set(
    readFileSync(log, 'utf8')
      .split('\n')
      .filter((url) => url.startsWith('file:'))
      .map((url) => fileURLToPath(url)),
  );
  const bytes = [...files].reduce((sum, f) => sum + (existsSync(f) ? statSync(f).size : 0), 0);
  return { files: files.size, kB: round(bytes / 1024) };
}

/** What `executions --dir` lists: written as the local runner writes them. */
function writeSmallHistory(folder: string): void {
  const store = new FolderExecutionStore(join(folder, 'executions'));
  const record = (
    table: string,
    minute: number,
    status: ExecutionRecord['status'],
  ): ExecutionRecord => {
    const name = `${table}-20250829151${minute}-0123456789`;
    return {
      name,
      executionArn: `arn:aws:states:local:000000000000:execution:csv-catalog:${name}`,
      stateMachine: 'csv-catalog',
      status,
      input: { table } as unknown as WorkflowInput,
      startDate: `2026-11-29T00:0${minute}:00.000Z`,
      stopDate: `2026-11-29T00:0${minute}:12.000Z`,
      ...(status === 'FAILED'
        ? {
            error: 'RdsUnavailable',
            cause: 'MySQL at root@127.0.0.1:3306/csv_catalog does not answer',
          }
        : {}),
      events: [],
    };
  };
  store.put(record('학생', 1, 'SUCCEEDED'));
  store.put(record('psy_ord_class', 2, 'SUCCEEDED'));
  store.put(record('school_teacher', 3, 'FAILED'));
}

/** Imports every built command module: what starting the CLI loaded before. */
function eagerImportScript(): string {
  const dir = join(ROOT, 'dist', 'cli', 'commands');
  const modules = readdirSync(dir).filter((f) => f.endsWith('.js'));
  return modules.map((f) => `await import(${JSON.stringify(join(dir, f))});`).join('\n');
}

/** Whether any cli/ source is newer than dist/cli/main.js: then the figures are the old code's. */
function distIsStale(): boolean {
  const built = statSync(join(ROOT, 'dist', 'cli', 'main.js')).mtimeMs;
  const sources = readdirSync(join(ROOT, 'cli'), { recursive: true, encoding: 'utf8' });
  return sources.some((f) => f.endsWith('.ts') && statSync(join(ROOT, 'cli', f)).mtimeMs > built);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const scale = Number(process.argv[2] ?? 1);
  process.stdout.write(`${JSON.stringify(await measureCliStart({ scale }), null, 2)}\n`);
}
