/**
 * The figures of `npm run bench:load`: rows/s and peak RSS per file and method, the ratios the
 * issue aims at, and the machine they were measured on. Printed as a table and written as
 * bench/results.json.
 */
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import type { MethodOutcome } from './load-method.js';

export type MethodName = 'loader' | 'cli' | 'inserts';

export const METHOD_LABELS: Readonly<Record<MethodName, string>> = {
  loader: '(a) loadRows from local S3',
  cli: '(b) mariadb LOAD DATA LOCAL',
  inserts: '(c) INSERT × 1,000 rows',
};

export interface MethodFigures {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number | null;
  note?: string;
}

export interface FileFigures {
  file: string;
  rows: number;
  columns: number;
  megabytes: number;
  methods: Record<MethodName, MethodFigures>;
  ratios: { aOverB: number; aOverC: number };
  aims: {
    aOverB: { aim: '>= 0.8'; met: boolean };
    aOverC: { aim: '>= 5'; met: boolean };
    loaderRss: { aim: '< 256 MB'; met: boolean };
  };
}

export interface BenchResults {
  date: string;
  rowsScale: number;
  machine: {
    cpus: number;
    model: string;
    memoryMb: number;
    freeMemoryMbAtStart: number;
    node: string;
    mariadb: string;
    platform: string;
  };
  loadAverage: { start: number[]; end: number[] };
  files: FileFigures[];
  allAimsMet: boolean;
}

export function machineFacts(mariadb: string): BenchResults['machine'] {
  return {
    cpus: cpus().length,
    model: cpus()[0]?.model ?? 'unknown',
    memoryMb: Math.round(totalmem() / 1024 ** 2),
    freeMemoryMbAtStart: Math.round(freemem() / 1024 ** 2),
    node: process.version,
    mariadb,
    platform: `${process.platform} ${process.arch}`,
  };
}

export const loadAverage = (): number[] => loadavg().map((n) => Number(n.toFixed(2)));

export function methodFigures(outcome: MethodOutcome): MethodFigures {
  return {
    rows: outcome.rows,
    seconds: round(outcome.seconds, 2),
    rowsPerSecond: Math.round(outcome.rows / outcome.seconds),
    peakRssMb: outcome.peakRssMb === undefined ? null : round(outcome.peakRssMb, 1),
    ...(outcome.note ? { note: outcome.note } : {}),
  };
}

export function fileFigures(
  file: { file: string; rows: number; columns: number; bytes: number },
  methods: Record<MethodName, MethodFigures>,
): FileFigures {
  // Ratios of throughput (rows/s), from the unrounded seconds' rows/s.
  const aOverB = methods.loader.rowsPerSecond / methods.cli.rowsPerSecond;
  const aOverC = methods.loader.rowsPerSecond / methods.inserts.rowsPerSecond;
  const rss = methods.loader.peakRssMb;
  return {
    file: file.file,
    rows: file.rows,
    columns: file.columns,
    megabytes: round(file.bytes / 1024 ** 2, 1),
    methods,
    ratios: { aOverB: round(aOverB, 2), aOverC: round(aOverC, 2) },
    aims: {
      aOverB: { aim: '>= 0.8', met: aOverB >= 0.8 },
      aOverC: { aim: '>= 5', met: aOverC >= 5 },
      loaderRss: { aim: '< 256 MB', met: rss !== null && rss < 256 },
    },
  };
}

export function allAimsMet(files: readonly FileFigures[]): boolean {
  return files.every((f) => f.aims.aOverB.met && f.aims.aOverC.met && f.aims.loaderRss.met);
}

/** The results as a plain-text table, one line per file and method, then the ratios. */
export function formatResults(results: BenchResults): string {
  const lines: string[] = [];
  const m = results.machine;
  lines.push(
    `${results.date}  ${m.cpus} × ${m.model}, ${m.memoryMb} MB, Node ${m.node}, MariaDB ${m.mariadb}, load ${results.loadAverage.start.join(' ')} → ${results.loadAverage.end.join(' ')}`,
  );
  const header = ['file', 'method', 'rows', 'seconds', 'rows/s', 'peak RSS MB'];
  const rows: string[][] = [];
  for (const f of results.files) {
    const name = `${f.rows.toLocaleString('en')} × ${f.columns} (${f.megabytes} MB)`;
    for (const method of ['loader', 'cli', 'inserts'] as const) {
      const figures = f.methods[method];
      rows.push([
        name,
        METHOD_LABELS[method],
        figures.rows.toLocaleString('en'),
        figures.seconds.toFixed(2),
        figures.rowsPerSecond.toLocaleString('en'),
        figures.peakRssMb === null ? '?' : figures.peakRssMb.toFixed(1),
      ]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  lines.push(line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line));
  for (const f of results.files) {
    const mark = (met: boolean) => (met ? 'met' : 'NOT met');
    lines.push(
      `${f.rows.toLocaleString('en')} × ${f.columns}: a/b = ${f.ratios.aOverB} (aim ≥ 0.8, ${mark(f.aims.aOverB.met)}), a/c = ${f.ratios.aOverC} (aim ≥ 5, ${mark(f.aims.aOverC.met)}), RSS(a) = ${f.methods.loader.peakRssMb} MB (aim < 256, ${mark(f.aims.loaderRss.met)})`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function round(n: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(n * scale) / scale;
}
