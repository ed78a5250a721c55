import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  PutObjectCommand,
  paginateListObjectsV2,
  type S3Client,
} from '@aws-sdk/client-s3';
import pLimit from 'p-limit';
import { meterS3Requests } from '../local/s3/s3-request-meter.js';
import { createS3Client } from '../shared/aws/s3-client.js';
import { S3ObjectStore } from '../shared/aws/s3-object-store.js';
import { defaultConfig } from '../shared/config/load-config.js';
import { backfillBucket } from '../shared/filing/backfill-bucket.js';
import { deriveTableName } from '../shared/naming/table-name.js';
import { type ServerProcess, startServerProcess } from './s3-server-process.js';

const FILES_PER_SCALE = 500;
const SNAPSHOTS_PER_TABLE = 10;
const FILING_CONCURRENCY = 16;
const LATENCIES_MS = [0, 20];
const AIMS: Record<number, number> = { 0: 3, 20: 5 };

export async function measureFiling(options: { scale: number }): Promise<Record<string, unknown>> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const files = benchFiles(Math.max(1, Math.round(options.scale * FILES_PER_SCALE)));
  const dir = await mkdtemp(join(tmpdir(), 'csv-catalog-bench-filing-'));
  const server = await startServerProcess(dir);
  const runs: Record<string, unknown>[] = [];
  try {
    for (const latencyMs of LATENCIES_MS) {
      const loop = await measureRun(server, `loop-${latencyMs}`, files, latencyMs, runLoop);
      const filing = await measureRun(server, `filing-${latencyMs}`, files, latencyMs, runFiling);
      const ratio = filing.filesPerSecond / loop.filesPerSecond;
      runs.push({
        latencyMs,
        loop,
        filing,
        ratio: round(ratio, 2),
        ceiling: ceilingOf(loop, filing),
        aim: AIMS[latencyMs],
        aimMet: ratio >= (AIMS[latencyMs] ?? 0),
      });
    }
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
  return {
    name: 'filing vs the notebook loop (backfill)',
    files: files.length,
    tables: files.length / SNAPSHOTS_PER_TABLE,
    concurrency: FILING_CONCURRENCY,
    loadAverage: loadavg().map((n) => round(n, 2)),
    runs,
    aimMet: runs.every((r) => r.aimMet === true),
  };
}

/**
 * The most this filing could reach against this loop on this machine: the CPU seconds it
 * spent (client + server) spread over every core, with nothing else waiting. When that is
 * under the aim, no concurrency setting reaches it: only fewer CPU seconds per file would.
 * Null without the server's CPU figure.
 */
function ceilingOf(loop: RunFigures, filing: RunFigures): number | null {
  const { client, server } = filing.cpuSeconds;
  if (server === null || client + server <= 0) return null;
  return round((availableParallelism() * loop.seconds) / (client + server), 2);
}

interface RunFigures {
  seconds: number;
  /** CPU seconds spent by this process (the client) and by the local S3's process. */
  cpuSeconds: { client: number; server: number | null };
  filesPerSecond: number;
  requestsPerFile: number;
  requestsPerFileByOperation: Record<string, number>;
}

type Run = (client: S3Client, bucket: string) => Promise<number>;

/** Uploads the files to a fresh bucket, then times `run` on a metered client of its own. */
async function measureRun(
  server: ServerProcess,
  bucket: string,
  files: string[],
  latencyMs: number,
  run: Run,
): Promise<RunFigures> {
  const { endpoint } = server;
  const setup = createS3Client({ endpoint });
  try {
    await setup.send(new CreateBucketCommand({ Bucket: bucket }));
    const limit = pLimit(16);
    await Promise.all(
      files.map((Key) =>
        limit(() =>
          setup.send(
            new PutObjectCommand({ Bucket: bucket, Key, Body: `학번,이름\n1,${Key}\n2,김민준\n` }),
          ),
        ),
      ),
    );
  } finally {
    setup.destroy();
  }
  const client = createS3Client({ endpoint });
  const meter = meterS3Requests(client, { latencyMs });
  try {
    const serverCpu = await server.cpuSeconds();
    const clientCpu = process.cpuUsage();
    const start = performance.now();
    const filed = await run(client, bucket);
    const seconds = (performance.now() - start) / 1000;
    const clientCpuUsed = process.cpuUsage(clientCpu);
    const serverCpuAfter = await server.cpuSeconds();
    if (filed !== files.length) throw new Error(`${bucket}: filed ${filed} of ${files.length}`);
    const counts = meter.counts();
    return {
      seconds: round(seconds, 2),
      cpuSeconds: {
        client: round((clientCpuUsed.user + clientCpuUsed.system) / 1e6, 2),
        server:
          serverCpu === null || serverCpuAfter === null
            ? null
            : round(serverCpuAfter - serverCpu, 2),
      },
      filesPerSecond: round(filed / seconds, 1),
      requestsPerFile: round(meter.total() / filed, 2),
      requestsPerFileByOperation: Object.fromEntries(
        Object.entries(counts).map(([operation, n]) => [operation, round(n / filed, 2)]),
      ),
    };
  } finally {
    client.destroy();
  }
}

/** The notebook's cell: list the root, then copy and delete each CSV, one after another. */
const runLoop: Run = async (client, bucket) => {
  const keys: string[] = [];
  for await (const page of paginateListObjectsV2({ client }, { Bucket: bucket, Delimiter: '/' })) {
    for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
  }
  let moved = 0;
  for (const key of keys) {
    if (!key.endsWith('.csv')) continue;
    const table = deriveTableName(key).table;
    await client.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: `${table}/${key}`,
        CopySource: `${bucket}/${encodeURIComponent(key)}`,
      }),
    );
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    moved++;
  }
  return moved;
};

/** csv-catalog backfill, filing only. */
const runFiling: Run = async (client, bucket) => {
  const outcomes = await backfillBucket({
    store: new S3ObjectStore(client, bucket),
    config: defaultConfig(),
    concurrency: FILING_CONCURRENCY,
  });
  const failed = outcomes.filter((o) => o.status === 'failed');
  if (failed.length > 0) throw new Error(`${failed.length} filings failed: ${failed[0]?.reason}`);
  return outcomes.filter((o) => o.status === 'filed').length;
};

/** `count` file names: 10 snapshots per table, two of them tied, in a shuffled order. */
function benchFiles(count: number): string[] {
  const names: string[] = [];
  for (let t = 0; names.length < count; t++) {
    const table = t % 2 === 0 ? `PSY_ORD_CLASS_${t}` : `학교목록_${t}`;
    for (let s = 0; s < SNAPSHOTS_PER_TABLE && names.length < count; s++) {
      // Snapshot 3 spelt as a date, snapshot 4 as the same date at 00:00: they tie.
      const stamp = s === 3 ? '20250313' : s === 4 ? '202503130000' : `202503${10 + s}1200`;
      names.push(`${table}_${stamp}.csv`);
    }
  }
  return names.sort((a, b) => hash(a) - hash(b));
}

function hash(text: string): number {
  let h = 0;
  for (const c of text) h = (h * 31 + (c.codePointAt(0) ?? 0)) | 0;
  return h;
}

function round(n: number, digits: number): number {
  return Number(n.toFixed(digits));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const scale = Number(process.argv[2] ?? 1);
  process.stdout.write(`${JSON.stringify(await measureFiling({ scale }), null, 2)}\n`);
}
