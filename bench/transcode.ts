/**
 * CP949 → UTF-8, file to file, against glibc's `iconv -f CP949 -t UTF-8` on the same file:
 * `node --openssl-legacy-provider --import tsx bench/transcode.ts [--scale 10]` (100 MB × scale).
 * Each Node method runs in its own child process, so its peak RSS is its own; each output is
 * compared byte for byte with iconv's. Also measured: the previous decoder (iconv-lite), Node's
 * TextDecoder('euc-kr'), a plain stream copy (the floor set by reading and writing) and the
 * UTF-8 check on the UTF-8 path.
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { utf8TranscodeStream } from '../shared/csv/utf8-transcode-stream.js';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const BASE_BYTES = 100_000_000;
const RUNS = 3;
const RSS_LIMIT_MB = 256;
/** The aim: our transcoding at least half as fast as iconv. */
const AIM_SPEED_RATIO = 0.5;

type Method =
  | 'ours'
  | 'iconv-lite (previous)'
  | 'TextDecoder euc-kr'
  | 'stream copy'
  | 'utf-8 check';

interface ChildFigures {
  seconds: number;
  /** User + system CPU time: steadier than wall time on a machine busy with other work. */
  cpuSeconds: number;
  peakRssMb: number;
  /** RSS sampled every 100 ms: the largest in the first and in the last quarter of the run. */
  rssFirstQuarterMb: number;
  rssLastQuarterMb: number;
}

// --- the generated file -------------------------------------------------------------------

/** A deterministic generator (mulberry32), so every run writes the same bytes. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Names include syllables only CP949 has (똠, 햏, 뷁, 쌰, 갂): plain EUC-KR has no code for them.
const NAMES = ['김민준', '이서연', '박지호', '최수아', '정예준', '강하은', '조도윤', '윤서준'];
const RARE_NAMES = ['똠방각하', '햏쌰', '뷁뷁이', '갂놂'];
const TOWNS = [
  '서울특별시 강남구',
  '부산광역시 해운대구',
  '대구광역시 수성구',
  '경기도 성남시 분당구',
];
const SCHOOLS = ['서울초등학교', '해운대중학교', '수성고등학교', '분당초등학교', '㈜한글학원'];
const MEMOS = ['특이사항 없음', '전학 예정, 서류 확인', '상담 요청\n보호자 연락 완료', '결석 2회'];

/** Writes about `bytes` bytes of a Korean CSV in CP949: header, then rows of mixed text. */
export async function writeCp949Csv(path: string, bytes: number): Promise<number> {
  const next = random(20250829);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const out = createWriteStream(path);
  let written = 0;
  let row = 0;
  const block = (lines: string[]) => iconv.encode(lines.join(''), 'cp949');
  let head: Buffer | undefined = block(['학생번호,이름,주소,학교명,메모,등록일\n']);
  while (written < bytes) {
    const lines: string[] = [];
    for (let i = 0; i < 2_000; i++, row++) {
      const name = next() < 0.05 ? pick(RARE_NAMES) : pick(NAMES);
      const day = String(1 + Math.floor(next() * 28)).padStart(2, '0');
      lines.push(
        `${100_000 + row},${name},${pick(TOWNS)} ${Math.floor(next() * 300)}번길,${pick(SCHOOLS)},"${pick(MEMOS)}",2025-08-${day}\n`,
      );
    }
    const chunk: Buffer = head ? Buffer.concat([head, block(lines)]) : block(lines);
    head = undefined;
    written += chunk.length;
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  return written;
}

// --- the child: one method, file to file ----------------------------------------------------

function transformFor(method: Method): Transform {
  switch (method) {
    case 'ours':
      return utf8TranscodeStream('cp949', 0, 'bench.csv');
    case 'utf-8 check':
      return utf8TranscodeStream('utf-8', 0, 'bench.csv');
    case 'stream copy':
      return new PassThrough();
    case 'iconv-lite (previous)': {
      // What utf8-transcode-stream.ts did before: iconv-lite to a string, a U+FFFD check, UTF-8.
      const decoder = iconv.getDecoder('cp949', { stripBOM: false });
      return new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          const text = decoder.write(chunk);
          if (text.includes('\uFFFD')) callback(new Error('undecodable'));
          else callback(null, Buffer.from(text, 'utf8'));
        },
      });
    }
    case 'TextDecoder euc-kr': {
      // Not fatal: fatal mode throws on 햏 and 뷁 outright; this shows what it makes of them.
      const decoder = new TextDecoder('euc-kr');
      return new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          callback(null, Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8'));
        },
      });
    }
  }
}

async function runChild(method: Method, input: string, output: string): Promise<ChildFigures> {
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(process.memoryUsage.rss()), 100);
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  // 64 KiB reads: Node's default for files, and the size of the chunks an S3 body arrives in.
  await pipeline(createReadStream(input), transformFor(method), createWriteStream(output));
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  clearInterval(sampler);
  samples.push(process.memoryUsage.rss());
  const quarter = Math.max(1, Math.floor(samples.length / 4));
  const mb = (values: number[]) => Math.round(Math.max(...values) / 2 ** 20);
  return {
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    rssFirstQuarterMb: mb(samples.slice(0, quarter)),
    rssLastQuarterMb: mb(samples.slice(-quarter)),
  };
}

// --- the parent -------------------------------------------------------------------------------

function run(command: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // From the project's root, where `--import tsx` resolves, wherever the bench was started.
    const child = spawn(command, args, { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data: Buffer) => {
      stdout += data.toString();
    });
    child.stderr.on('data', (data: Buffer) => {
      stderr += data.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr}`));
    });
  });
}

async function timeIconv(input: string, output: string) {
  // /usr/bin/time gives iconv's own peak RSS; its wall time includes starting iconv (~1 ms).
  const start = performance.now();
  const { stderr } = await run('/usr/bin/time', [
    '-f',
    'maxrss=%M cpu=%U+%S',
    'iconv',
    '-f',
    'CP949',
    '-t',
    'UTF-8',
    input,
    '-o',
    output,
  ]);
  const seconds = (performance.now() - start) / 1000;
  const figures = /maxrss=(\d+) cpu=([\d.]+)\+([\d.]+)/.exec(stderr);
  if (!figures) throw new Error(`no figures from /usr/bin/time: ${stderr}`);
  return {
    seconds,
    cpuSeconds: Number(figures[2]) + Number(figures[3]),
    peakRssMb: Math.round(Number(figures[1]) / 1024),
  };
}

async function timeMethod(method: Method, input: string, output: string): Promise<ChildFigures> {
  const self = fileURLToPath(import.meta.url);
  const { stdout } = await run(process.execPath, [
    '--import',
    'tsx',
    self,
    '--child',
    method,
    input,
    output,
  ]);
  return JSON.parse(stdout) as ChildFigures;
}

async function sameBytes(a: string, b: string): Promise<boolean> {
  try {
    await run('cmp', ['-s', a, b]);
    return true;
  } catch {
    return false;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function measureTranscode(options: {
  scale: number;
}): Promise<Record<string, unknown>> {
  const dir = await mkdtemp(join(tmpdir(), 'csv-catalog-transcode-'));
  try {
    const input = join(dir, 'cp949.csv');
    const inputBytes = await writeCp949Csv(input, Math.round(BASE_BYTES * options.scale));
    const reference = join(dir, 'iconv.out');
    const output = join(dir, 'node.out');
    const mb = inputBytes / 1e6;

    const iconvRuns: { seconds: number; cpuSeconds: number; peakRssMb: number }[] = [];
    const runs = new Map<Method, ChildFigures[]>();
    const methods: Method[] = [
      'ours',
      'iconv-lite (previous)',
      'TextDecoder euc-kr',
      'stream copy',
    ];
    const sameAsIconv = new Map<Method, boolean>();
    // Interleaved, so a slow moment of the machine does not land on one method only.
    for (let round = 0; round < RUNS; round++) {
      iconvRuns.push(await timeIconv(input, reference));
      for (const method of methods) {
        const figures = await timeMethod(method, input, output);
        runs.set(method, [...(runs.get(method) ?? []), figures]);
        if (round === 0 && method !== 'stream copy') {
          sameAsIconv.set(method, await sameBytes(reference, output));
        }
      }
    }
    // The UTF-8 path: the same text as UTF-8, checked and passed through.
    const utf8Bytes = (await stat(reference)).size;
    const utf8Runs: ChildFigures[] = [];
    for (let round = 0; round < RUNS; round++) {
      utf8Runs.push(await timeMethod('utf-8 check', reference, output));
    }

    const iconvSeconds = median(iconvRuns.map((r) => r.seconds));
    const iconvCpuSeconds = median(iconvRuns.map((r) => r.cpuSeconds));
    const summary = (figures: ChildFigures[], bytes = inputBytes) => {
      const seconds = median(figures.map((f) => f.seconds));
      const cpuSeconds = median(figures.map((f) => f.cpuSeconds));
      return {
        seconds: round3(seconds),
        mbPerSecond: Math.round(bytes / 1e6 / seconds),
        // Against iconv on the same bytes; the UTF-8 check reads more bytes than iconv did.
        speedVsIconv: round3((iconvSeconds / seconds) * (bytes / inputBytes)),
        cpuSeconds: round3(cpuSeconds),
        cpuSpeedVsIconv: round3((iconvCpuSeconds / cpuSeconds) * (bytes / inputBytes)),
        peakRssMb: Math.max(...figures.map((f) => f.peakRssMb)),
        rssFirstQuarterMb: Math.max(...figures.map((f) => f.rssFirstQuarterMb)),
        rssLastQuarterMb: Math.max(...figures.map((f) => f.rssLastQuarterMb)),
      };
    };
    const ours = summary(runs.get('ours')!);
    const methodsOut: Record<string, unknown> = {};
    for (const method of methods) {
      methodsOut[method] = {
        ...summary(runs.get(method)!),
        ...(sameAsIconv.has(method) ? { sameBytesAsIconv: sameAsIconv.get(method) } : {}),
      };
    }
    methodsOut['utf-8 check'] = {
      ...summary(utf8Runs, utf8Bytes),
      inputMb: round3(utf8Bytes / 1e6),
    };
    return {
      inputMb: round3(mb),
      runs: RUNS,
      iconv: {
        seconds: round3(iconvSeconds),
        cpuSeconds: round3(iconvCpuSeconds),
        mbPerSecond: Math.round(mb / iconvSeconds),
        peakRssMb: Math.max(...iconvRuns.map((r) => r.peakRssMb)),
      },
      methods: methodsOut,
      ratio: ours.speedVsIconv,
      cpuRatio: ours.cpuSpeedVsIconv,
      loadAverage: loadavg().map(round3),
      aim: `ours >= ${AIM_SPEED_RATIO}x iconv's speed, same bytes as iconv, peak RSS < ${RSS_LIMIT_MB} MB`,
      aimMet:
        ours.speedVsIconv >= AIM_SPEED_RATIO &&
        sameAsIconv.get('ours') === true &&
        ours.peakRssMb < RSS_LIMIT_MB,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    const [, method, input, output] = args as [string, Method, string, string];
    process.stdout.write(JSON.stringify(await runChild(method, input, output)));
  } else {
    const at = args.indexOf('--scale');
    const scale = at >= 0 ? Number(args[at + 1]) : 1;
    process.stdout.write(`${JSON.stringify(await measureTranscode({ scale }), null, 2)}\n`);
  }
}
