/**
 * The whole filing of a 1 GB CP949 file (× scale) against glibc's `iconv -f CP949 -t UTF-8` on
 * the same file: `node --openssl-legacy-provider --import tsx bench/cp949-filing.ts [--scale 1]`.
 *
 * - The file: bench/transcode.ts's deterministic Korean CSV in CP949, written to a temp folder.
 * - iconv: file to file (`iconv … in > out`), median of three runs; its output is the reference.
 * - Filing: the file is uploaded to the local S3 (not timed), then ONE `fileCsvObject` runs with
 *   the size and ETag an object-created event carries, as the file-upload Lambda files it: sniff,
 *   keep the raw bytes (server-side copy), stream-transcode into a multipart upload, verify,
 *   delete the source. It runs in a child process of its own, so its peak RSS is the filing's.
 *   The local S3 runs in another (bench/filing-s3-server.ts): its CPU is not the filing's.
 * - The filed object is streamed back and its SHA-256 compared with iconv's output.
 * - Where the time goes: the filing's store calls timed one by one, the client's and the
 *   server's CPU seconds, and our transcoder alone on the same file, file to file.
 * - The disk: each iconv run and the filing start after a `sync`, and files no longer needed
 *   (iconv's output once hashed, the input once uploaded) are removed before the filing, so
 *   neither side pays for writing back what an earlier step wrote.
 * - `BENCH_NODE_OPTIONS` / `BENCH_S3_NODE_OPTIONS` (e.g. `--cpu-prof --cpu-prof-dir=DIR`) go to
 *   the filing and transcoding children / to the local S3's process.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import {
  CreateBucketCommand,
  GetObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createS3Client } from '../shared/aws/s3-client.js';
import { S3ObjectStore } from '../shared/aws/s3-object-store.js';
import { defaultConfig } from '../shared/config/load-config.js';
import { utf8TranscodeStream } from '../shared/csv/utf8-transcode-stream.js';
import { fileCsvObject } from '../shared/filing/file-csv-object.js';
import type {
  CopiedObject,
  CopyOptions,
  ObjectStore,
  StoredObject,
  WriteOptions,
} from '../shared/filing/object-store.js';
import { type ServerProcess, startServerProcess } from './s3-server-process.js';
import { writeCp949Csv } from './transcode.js';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const BASE_BYTES = 1_000_000_000;
const ICONV_RUNS = 3;
/** The aims: the whole filing at most 4× iconv's time, RSS flat under 256 MB. */
const AIM_TIME_RATIO = 4;
const RSS_LIMIT_MB = 256;
const BUCKET = 'bench-cp949';
const KEY = '학생명부_202511300000.csv';

// --- the children ------------------------------------------------------------------------------

interface Memory {
  peakRssMb: number;
  /** RSS sampled every 100 ms: the largest in the first and in the last quarter of the run. */
  rssFirstQuarterMb: number;
  rssLastQuarterMb: number;
}

/** Runs `work` while sampling RSS; wall seconds, CPU seconds and memory of this process. */
async function measured<T>(work: () => Promise<T>) {
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(process.memoryUsage.rss()), 100);
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const result = await work();
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  clearInterval(sampler);
  samples.push(process.memoryUsage.rss());
  const quarter = Math.max(1, Math.floor(samples.length / 4));
  const mb = (values: number[]) => Math.round(Math.max(...values) / 2 ** 20);
  const memory: Memory = {
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    rssFirstQuarterMb: mb(samples.slice(0, quarter)),
    rssLastQuarterMb: mb(samples.slice(-quarter)),
  };
  return { result, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, ...memory };
}

interface StoreCall {
  calls: number;
  seconds: number;
}

/**
 * The real store, each call timed by method: where the filing's wall time goes. `upload` is the
 * transcode and the upload together (they stream into each other); `readStream` only until the
 * body starts.
 */
class TimedObjectStore implements ObjectStore {
  readonly calls: Record<string, StoreCall> = {};
  constructor(private readonly store: ObjectStore) {}

  get bucket(): string {
    return this.store.bucket;
  }

  private async timed<T>(method: string, work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      const call = this.calls[method] ?? { calls: 0, seconds: 0 };
      this.calls[method] = {
        calls: call.calls + 1,
        seconds: call.seconds + (performance.now() - start) / 1000,
      };
    }
  }

  head(key: string): Promise<StoredObject | undefined> {
    return this.timed('head', () => this.store.head(key));
  }
  readRange(key: string, start: number, end: number): Promise<Uint8Array> {
    return this.timed('readRange', () => this.store.readRange(key, start, end));
  }
  readStream(key: string, start?: number, options?: { ifMatch?: string }): Promise<Readable> {
    return this.timed('readStream', () => this.store.readStream(key, start, options));
  }
  copy(sourceKey: string, targetKey: string, options: CopyOptions): Promise<CopiedObject> {
    return this.timed('copy', () => this.store.copy(sourceKey, targetKey, options));
  }
  upload(key: string, body: Readable, options: WriteOptions): Promise<void> {
    return this.timed('upload', () => this.store.upload(key, body, options));
  }
  delete(key: string, options?: { ifMatch?: string }): Promise<void> {
    return this.timed('delete', () => this.store.delete(key, options));
  }
  async *listFiles(prefix: string): AsyncIterable<StoredObject[]> {
    const start = performance.now();
    try {
      yield* this.store.listFiles(prefix);
    } finally {
      const call = this.calls.listFiles ?? { calls: 0, seconds: 0 };
      this.calls.listFiles = {
        calls: call.calls + 1,
        seconds: call.seconds + (performance.now() - start) / 1000,
      };
    }
  }
  listPrefixes(prefix: string): Promise<string[]> {
    return this.timed('listPrefixes', () => this.store.listPrefixes(prefix));
  }
}

/**
 * Each S3 request's time until its response, summed by operation (concurrent parts overlap, so
 * UploadPart's sum can exceed the wall time): which of the server's answers take the time.
 */
function timeS3Operations(client: S3Client): Record<string, StoreCall> {
  const operations: Record<string, StoreCall> = {};
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      const start = performance.now();
      try {
        return await next(args);
      } finally {
        const call = operations[operation] ?? { calls: 0, seconds: 0 };
        operations[operation] = {
          calls: call.calls + 1,
          seconds: call.seconds + (performance.now() - start) / 1000,
        };
      }
    },
    { step: 'initialize', name: 'benchS3OperationTimer' },
  );
  return operations;
}

/** The child that files: one `fileCsvObject`, as the file-upload Lambda runs it for an event. */
async function fileInChild(endpoint: string, size: number, eTag: string) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const client = createS3Client({ endpoint });
  const operations = timeS3Operations(client);
  const store = new TimedObjectStore(new S3ObjectStore(client, BUCKET));
  try {
    const figures = await measured(() =>
      fileCsvObject({ key: KEY, size, eTag }, { store, config: defaultConfig() }),
    );
    const seconds = (call: StoreCall) => ({ ...call, seconds: round(call.seconds, 3) });
    return {
      ...figures,
      storeCalls: Object.fromEntries(
        Object.entries(store.calls).map(([method, call]) => [method, seconds(call)]),
      ),
      s3Operations: Object.fromEntries(
        Object.entries(operations).map(([operation, call]) => [operation, seconds(call)]),
      ),
    };
  } finally {
    client.destroy();
  }
}

/** The child that transcodes only, file to file: the filing's transcoder without S3. */
function transcodeInChild(input: string, output: string) {
  return measured(() =>
    pipeline(
      createReadStream(input),
      utf8TranscodeStream('cp949', 0, KEY),
      createWriteStream(output),
    ),
  );
}

// --- the parent --------------------------------------------------------------------------------

function run(
  command: string,
  args: string[],
  stdout: 'pipe' | number = 'pipe',
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // From the project's root, where `--import tsx` resolves, wherever the bench was started.
    const child = spawn(command, args, { cwd: PROJECT_ROOT, stdio: ['ignore', stdout, 'pipe'] });
    let out = '';
    let err = '';
    child.stdout?.on('data', (data: Buffer) => {
      out += data.toString();
    });
    child.stderr?.on('data', (data: Buffer) => {
      err += data.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve({ stdout: out, stderr: err });
      else reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${err}`));
    });
  });
}

/** `iconv -f CP949 -t UTF-8 in > out`, under /usr/bin/time for its CPU and peak RSS. */
async function timeIconv(input: string, output: string) {
  const out = await open(output, 'w');
  try {
    const start = performance.now();
    const { stderr } = await run(
      '/usr/bin/time',
      ['-f', 'maxrss=%M cpu=%U+%S', 'iconv', '-f', 'CP949', '-t', 'UTF-8', input],
      out.fd,
    );
    const seconds = (performance.now() - start) / 1000;
    const figures = /maxrss=(\d+) cpu=([\d.]+)\+([\d.]+)/.exec(stderr);
    if (!figures) throw new Error(`no figures from /usr/bin/time: ${stderr}`);
    return {
      seconds,
      cpuSeconds: Number(figures[2]) + Number(figures[3]),
      peakRssMb: Math.round(Number(figures[1]) / 1024),
    };
  } finally {
    await out.close();
  }
}

function childArgs(...args: string[]): string[] {
  // BENCH_NODE_OPTIONS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) goes to the children.
  const extra = process.env.BENCH_NODE_OPTIONS?.split(' ').filter(Boolean) ?? [];
  return [...extra, '--import', 'tsx', fileURLToPath(import.meta.url), ...args];
}

async function sha256(stream: Readable): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

type FilingFigures = Awaited<ReturnType<typeof fileInChild>>;
type TranscodeFigures = Awaited<ReturnType<typeof transcodeInChild>>;

export async function measureCp949Filing(options: {
  scale: number;
}): Promise<Record<string, unknown>> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const loadAtStart = loadavg();
  const dir = await mkdtemp(join(tmpdir(), 'csv-catalog-cp949-filing-'));
  let server: ServerProcess | undefined;
  try {
    const input = join(dir, 'cp949.csv');
    const inputBytes = await writeCp949Csv(input, Math.round(BASE_BYTES * options.scale));

    // iconv, the reference: its output is what the filed object must equal.
    const reference = join(dir, 'iconv.out');
    const iconvRuns: Awaited<ReturnType<typeof timeIconv>>[] = [];
    for (let i = 0; i < ICONV_RUNS; i++) {
      await run('sync', []);
      iconvRuns.push(await timeIconv(input, reference));
    }
    const iconvSeconds = median(iconvRuns.map((r) => r.seconds));
    const expected = await sha256(createReadStream(reference));
    // Only its hash is needed: removed, so that its 1.3 GB are not written back to disk while
    // the filing runs (a deleted file's dirty pages are dropped).
    await rm(reference);

    // Our transcoder alone, file to file: the part of the filing that is not S3.
    const transcoded = join(dir, 'ours.out');
    const { stdout: transcodeOut } = await run(
      process.execPath,
      childArgs('--child-transcode', input, transcoded),
    );
    const transcodeOnly = JSON.parse(transcodeOut) as TranscodeFigures;
    await rm(transcoded);

    // The upload, as a user's drop would arrive (not timed for the aim).
    server = await startServerProcess(join(dir, 's3'));
    const setup = createS3Client({ endpoint: server.endpoint });
    let eTag: string;
    const uploadStart = performance.now();
    try {
      await setup.send(new CreateBucketCommand({ Bucket: BUCKET }));
      const put = await setup.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: KEY,
          Body: createReadStream(input),
          ContentLength: inputBytes,
        }),
      );
      if (!put.ETag) throw new Error('the upload answered no ETag');
      eTag = put.ETag;
    } finally {
      setup.destroy();
    }
    const uploadSeconds = (performance.now() - uploadStart) / 1000;
    await rm(input);
    // What the steps before wrote is flushed now, not while the filing runs (iconv's runs
    // start as clean: each rewrites its output in place of the last).
    await run('sync', []);

    // ONE filing, in a child of its own; the server's CPU counted around it.
    const serverCpuBefore = await server.cpuSeconds();
    const { stdout: filingOut } = await run(
      process.execPath,
      childArgs('--child-filing', server.endpoint, String(inputBytes), eTag),
    );
    const serverCpuAfter = await server.cpuSeconds();
    const filing = JSON.parse(filingOut) as FilingFigures;
    const outcome = filing.result;
    if (outcome.status !== 'filed' || !outcome.transcoded) {
      throw new Error(`not filed as transcoded: ${JSON.stringify(outcome)}`);
    }

    // The filed object, streamed back, against iconv's output.
    const reader = createS3Client({ endpoint: server.endpoint });
    let filed: { sha256: string; bytes: number };
    try {
      const got = await reader.send(new GetObjectCommand({ Bucket: BUCKET, Key: outcome.key }));
      filed = await sha256(got.Body as Readable);
    } finally {
      reader.destroy();
    }
    const sameBytes = filed.sha256 === expected.sha256 && filed.bytes === expected.bytes;

    const ratio = filing.seconds / iconvSeconds;
    const serverCpu =
      serverCpuBefore === null || serverCpuAfter === null
        ? null
        : round(serverCpuAfter - serverCpuBefore, 2);
    const upload = filing.storeCalls.upload?.seconds;
    return {
      what: 'one filing of a CP949 file (event path: sniff, keep raw, transcode + upload, verify, delete) vs iconv file to file',
      inputBytes,
      inputMb: round(inputBytes / 1e6, 1),
      iconv: {
        seconds: round(iconvSeconds, 3),
        runs: iconvRuns.map((r) => round(r.seconds, 3)),
        cpuSeconds: round(median(iconvRuns.map((r) => r.cpuSeconds)), 3),
        mbPerSecond: Math.round(inputBytes / 1e6 / iconvSeconds),
        peakRssMb: Math.max(...iconvRuns.map((r) => r.peakRssMb)),
        outputBytes: expected.bytes,
        outputSha256: expected.sha256,
      },
      filing: {
        seconds: round(filing.seconds, 3),
        mbPerSecond: Math.round(inputBytes / 1e6 / filing.seconds),
        peakRssMb: filing.peakRssMb,
        rssFirstQuarterMb: filing.rssFirstQuarterMb,
        rssLastQuarterMb: filing.rssLastQuarterMb,
        filedKey: outcome.key,
        rawKey: outcome.rawKey,
        encoding: outcome.encoding,
        filedBytes: filed.bytes,
        filedSha256: filed.sha256,
        sameBytesAsIconv: sameBytes,
      },
      whereTheTimeGoes: {
        storeCalls: filing.storeCalls,
        s3Operations: filing.s3Operations,
        /** The rest: sniffing's CPU, naming, the SDK's setup, between calls. */
        outsideStoreCallsSeconds: round(
          filing.seconds -
            Object.values(filing.storeCalls).reduce((sum, call) => sum + call.seconds, 0),
          3,
        ),
        clientCpuSeconds: round(filing.cpuSeconds, 2),
        serverCpuSeconds: serverCpu,
        transcodeOnlyFileToFile: {
          seconds: round(transcodeOnly.seconds, 3),
          cpuSeconds: round(transcodeOnly.cpuSeconds, 2),
          peakRssMb: transcodeOnly.peakRssMb,
          ratioToIconv: round(transcodeOnly.seconds / iconvSeconds, 2),
        },
        transcodeAndUploadVsTranscodeOnly:
          upload === undefined ? null : round(upload / transcodeOnly.seconds, 2),
      },
      uploadSecondsNotTimed: round(uploadSeconds, 2),
      ratio: round(ratio, 2),
      loadAverage: { start: rounded(loadAtStart), end: rounded(loadavg()) },
      aim: `filing ≤ ${AIM_TIME_RATIO}× iconv's time, filing peak RSS < ${RSS_LIMIT_MB} MB, same bytes as iconv`,
      aimMet: ratio <= AIM_TIME_RATIO && filing.peakRssMb < RSS_LIMIT_MB && sameBytes,
    };
  } finally {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function round(n: number, digits: number): number {
  return Number(n.toFixed(digits));
}

function rounded(values: number[]): number[] {
  return values.map((n) => round(n, 2));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  if (args[0] === '--child-filing') {
    const [, endpoint, size, eTag] = args as [string, string, string, string];
    process.stdout.write(JSON.stringify(await fileInChild(endpoint, Number(size), eTag)));
  } else if (args[0] === '--child-transcode') {
    const [, input, output] = args as [string, string, string];
    process.stdout.write(JSON.stringify(await transcodeInChild(input, output)));
  } else {
    const at = args.indexOf('--scale');
    const scale = at >= 0 ? Number(args[at + 1]) : 1;
    process.stdout.write(`${JSON.stringify(await measureCp949Filing({ scale }), null, 2)}\n`);
  }
}
