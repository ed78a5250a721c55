/**
 * The sniffer's CPU per file: `node --import tsx bench/sniff.ts [scale]`. Every filing sniffs
 * the head of its file (64 KiB, or the whole header line and 64 KiB after it); this is that
 * cost on a wide Korean CSV, 200 columns, the head cut mid-row as a ranged read cuts it. Kept
 * from the first bench/run.ts: no other measurement isolates it.
 */
import { loadavg } from 'node:os';
import { sniffCsvHead } from '../shared/csv/sniff-csv-head.js';

const HEAD_BYTES = 64 * 1024;
const COLUMNS = 200;
const RUNS_PER_SCALE = 40;

function wideCsv(columns: number, rows: number): string {
  const header = Array.from({ length: columns }, (_, i) => `항목_${i}`).join(',');
  const row = (r: number) => Array.from({ length: columns }, (_, i) => `"값 ${r}-${i}"`).join(',');
  return [header, ...Array.from({ length: rows }, (_, r) => row(r))].join('\n');
}

export async function measureSniff(options: { scale: number }): Promise<Record<string, unknown>> {
  const head = Buffer.from(wideCsv(COLUMNS, 400)).subarray(0, HEAD_BYTES);
  const runs = Math.max(5, Math.round(RUNS_PER_SCALE * options.scale));
  const sniff = () => sniffCsvHead(head, { fileName: 'bench.csv', truncated: true });
  const columns = sniff().header.original.length;
  const start = performance.now();
  for (let i = 0; i < runs; i++) sniff();
  const msEach = (performance.now() - start) / runs;
  return {
    what: `sniff a ${HEAD_BYTES / 1024} KiB head of a ${COLUMNS}-column Korean CSV`,
    runs,
    columns,
    msEach: Number(msEach.toFixed(2)),
    loadAverage: loadavg().map((n) => Number(n.toFixed(2))),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const scale = Number(process.argv[2] ?? 1);
  process.stdout.write(`${JSON.stringify(await measureSniff({ scale }), null, 2)}\n`);
}
