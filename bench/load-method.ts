/**
 * What each method of `npm run bench:load` reports, and how the methods that run as child
 * processes are started: a process of its own per method, so each peak RSS is that method's.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** One method's measurement of one file. */
export interface MethodOutcome {
  /** Rows the method says it loaded (checked against COUNT(*) by the caller). */
  rows: number;
  /** Wall-clock seconds of the load itself (connection and process start excluded). */
  seconds: number;
  /** The process's peak resident set, MB (MiB); undefined where it could not be read. */
  peakRssMb: number | undefined;
  note?: string;
}

/** This process's peak RSS so far, in MiB (maxRSS is in KiB). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/**
 * Runs `bench/<script>` in a fresh Node (with tsx) on `job`, which it reads as JSON from its
 * first argument; its last stdout line is its MethodOutcome. stderr passes through.
 */
export async function runNodeMethod(script: string, job: object): Promise<MethodOutcome> {
  const path = fileURLToPath(new URL(script, import.meta.url));
  // BENCH_NODE_OPTIONS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) goes to the child only.
  const extra = process.env.BENCH_NODE_OPTIONS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', path, JSON.stringify(job)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`${script} exited with ${code}: ${stdout.slice(-2000)}`);
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as MethodOutcome;
}
