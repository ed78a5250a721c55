import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { GetCrawlersCommand, GetTablesCommand } from '@aws-sdk/client-glue';
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import iconv from 'iconv-lite';
import { type LocalStack, startLocalStack } from '../../local/stack/local-stack.js';
import type { ExecutionRecord } from '../../local/workflow/execution-record.js';
import type { ConfigInput } from '../../shared/config/config-schema.js';
import { defaultConfig } from '../../shared/config/load-config.js';
import type { FilingOutcome } from '../../shared/filing/filing-outcome.js';
import { createLogger } from '../../shared/logging/logger.js';
import type { MysqlSettings } from '../../shared/mysql/mysql-settings.js';

/**
 * Issue [9/10] "Bursts": 200 files for 10 tables dropped at once through the local stack's S3,
 * several snapshots per table in random order, the newest four of each table tied (`20250920`,
 * `202509200000`, `2025-09-20` and `20250920000000` all read 20250920000000). Shared by the burst
 * test (what must hold) and bench/burst.ts (how fast).
 */
export interface BurstTable {
  table: string;
  header: string[];
  encoding: 'utf-8' | 'cp949';
}

/** Korean names and headers are the normal case; two tables arrive in CP949. */
export const BURST_TABLES: readonly BurstTable[] = [
  { table: '학생', header: ['학번', '이름', '학년', '비고'], encoding: 'utf-8' },
  { table: '교사', header: ['교번', '이름', '담당과목'], encoding: 'utf-8' },
  { table: '성적', header: ['학번', '과목', '점수'], encoding: 'cp949' },
  { table: '출결', header: ['학번', '일자', '상태', '사유'], encoding: 'cp949' },
  { table: '학교목록', header: ['학교명', '주소'], encoding: 'utf-8' },
  { table: 'psy_ord', header: ['ord_no', 'patient', 'memo'], encoding: 'utf-8' },
  { table: 'at_scale_code', header: ['code', 'label'], encoding: 'utf-8' },
  { table: 'member', header: ['id', 'name', 'joined'], encoding: 'utf-8' },
  { table: 'orders', header: ['order_id', 'item', 'qty', 'price'], encoding: 'utf-8' },
  { table: 'school', header: ['id', 'name', 'region'], encoding: 'utf-8' },
];

/** 16 days before the tie, then four spellings of 2025-09-20 (20 snapshots per table). */
const SNAPSHOT_STAMPS = [
  ...Array.from({ length: 16 }, (_, i) => `202509${String(i + 1).padStart(2, '0')}`),
  '20250920',
  '202509200000',
  '2025-09-20',
  '20250920000000',
];
/** How many of the newest stamps tie. */
export const TIED_NEWEST = 4;

export interface BurstFile {
  name: string;
  table: string;
  body: Uint8Array;
  /** Data rows (each snapshot has its own count: the loaded table says which one it is). */
  rows: number;
  /** One of the tied newest snapshots of its table. */
  tiedNewest: boolean;
}

/** The 200 files in a random order, the same for a seed. */
export function burstFiles(seed = 20250920): BurstFile[] {
  const files = BURST_TABLES.flatMap((t, tableIndex) =>
    SNAPSHOT_STAMPS.map((stamp, i) => {
      const rows = i + 1;
      const text = csvText(t, tableIndex, rows);
      return {
        name: `${t.table}_${stamp}.csv`,
        table: t.table,
        body: t.encoding === 'cp949' ? iconv.encode(text, 'cp949') : Buffer.from(text),
        rows,
        tiedNewest: i >= SNAPSHOT_STAMPS.length - TIED_NEWEST,
      };
    }),
  );
  return shuffled(files, seed);
}

function csvText(t: BurstTable, tableIndex: number, rows: number): string {
  const values = ['김민수', '이서연', '"서울, 마포구"', '박지훈', '최유진'];
  const lines = Array.from({ length: rows }, (_, r) =>
    t.header
      .map((_, c) => (c === 0 ? String(tableIndex * 1000 + r) : values[(r + c) % values.length]))
      .join(','),
  );
  return `${t.header.join(',')}\n${lines.join('\n')}\n`;
}

/** Fisher–Yates with a small deterministic generator (mulberry32). */
function shuffled<T>(items: T[], seed: number): T[] {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** What the stack did with the burst, read before it stopped. */
export interface BurstRun {
  /** From the first upload to the last execution's end. */
  elapsedMs: number;
  /** This process's CPU (user + system) in that time: the stack runs in-process. */
  cpuMs: number;
  filings: FilingOutcome[];
  executions: ExecutionRecord[];
  /** Every key in the bucket afterwards. */
  keys: string[];
  /** Crawls started per table (its crawler's S3 target). */
  crawlerRuns: Map<string, number>;
  /** The catalog's column names per table. */
  catalog: Map<string, string[]>;
}

export interface BurstOptions {
  files: readonly BurstFile[];
  mysqlSettings: () => Promise<MysqlSettings>;
  /** The configuration (default: none, as `local up` without a config file). */
  config?: ConfigInput;
  /** Longest wait for every file to be filed and every execution to end (default 15 min). */
  deadlineMs?: number;
}

const BUCKET = 'csv-catalog-local';

/**
 * Starts `local up`'s stack in-process (startLocalStack, as the CLI does) in a fresh folder,
 * puts every file at the bucket root at once, waits until each was filed and every execution
 * ended, and reads what it left.
 */
export async function runBurst(options: BurstOptions): Promise<BurstRun> {
  const dir = await mkdtemp(join(tmpdir(), 'csv-catalog-burst-'));
  const config = defaultConfig(options.config);
  const crawlsByCrawler = new Map<string, number>();
  const errors: string[] = [];
  const filed = new Set<string>();
  const wanted = new Set(options.files.map((f) => f.name));
  let allFiled: () => void = () => undefined;
  const everyFileFiled = new Promise<void>((resolve) => {
    allFiled = resolve;
  });
  const stack = await startLocalStack({
    dir,
    bucket: BUCKET,
    s3Port: 0,
    gluePort: 0,
    config,
    mysqlSettings: options.mysqlSettings,
    // Only errors, kept to say why the burst did not settle, if it does not.
    logger: createLogger({ logLevel: 'ERROR', stream: lineCollector(errors) }),
    onCrawlerLog: (crawler, message) => {
      if (message.startsWith('Crawl started')) {
        crawlsByCrawler.set(crawler, (crawlsByCrawler.get(crawler) ?? 0) + 1);
      }
    },
    onFiling: (outcome) => {
      if (wanted.has(outcome.sourceKey)) filed.add(outcome.sourceKey);
      if (filed.size === wanted.size) allFiled();
    },
  });
  try {
    const cpuAtStart = process.cpuUsage();
    const start = performance.now();
    await Promise.all(
      options.files.map((f) =>
        stack.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: f.name, Body: f.body })),
      ),
    );
    await settled(stack, everyFileFiled, options.deadlineMs ?? 15 * 60_000, () => {
      const missing = [...wanted].filter((name) => !filed.has(name));
      const notFiled = `${missing.length} of ${wanted.size} files not filed (${missing.slice(0, 5).join(', ')}…)`;
      const running = stack.workflow.list().filter((e) => e.status === 'RUNNING');
      const stillRunning = `${running.length} executions running (${running
        .slice(0, 5)
        .map((e) => e.input.sourceKey)
        .join(', ')}…)`;
      return [notFiled, stillRunning, ...errors.slice(-5)].join('\n');
    });
    const elapsedMs = performance.now() - start;
    const cpu = process.cpuUsage(cpuAtStart);
    return {
      elapsedMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      filings: stack.filings(),
      executions: stack.workflow.list(),
      keys: await bucketKeys(stack),
      crawlerRuns: await crawlsPerTable(stack, crawlsByCrawler),
      catalog: await catalogColumns(stack, config.glue.database),
    };
  } finally {
    await stack.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Every file filed, then nothing in flight: waits on state, up to a generous deadline. */
async function settled(
  stack: LocalStack,
  everyFileFiled: Promise<void>,
  deadlineMs: number,
  whatIsMissing: () => string,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`burst not settled in ${deadlineMs} ms: ${whatIsMissing()}`)),
      deadlineMs,
    );
  });
  try {
    await Promise.race([everyFileFiled.then(() => stack.idle()), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function bucketKeys(stack: LocalStack): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await stack.s3.send(
      new ListObjectsV2Command({ Bucket: BUCKET, ContinuationToken: token }),
    );
    keys.push(...(page.Contents ?? []).map((o) => o.Key ?? ''));
    token = page.NextContinuationToken;
  } while (token);
  return keys;
}

/** Crawls per table: each crawler's S3 target is `s3://<bucket>/<table>/`. */
async function crawlsPerTable(
  stack: LocalStack,
  crawlsByCrawler: Map<string, number>,
): Promise<Map<string, number>> {
  const { Crawlers = [] } = await stack.glue.send(new GetCrawlersCommand({}));
  const runs = new Map<string, number>();
  for (const crawler of Crawlers) {
    const path = crawler.Targets?.S3Targets?.[0]?.Path ?? '';
    const table = decodeURIComponent(path.replace(`s3://${BUCKET}/`, '').replace(/\/$/, ''));
    runs.set(table, crawlsByCrawler.get(crawler.Name ?? '') ?? 0);
  }
  return runs;
}

async function catalogColumns(stack: LocalStack, database: string): Promise<Map<string, string[]>> {
  const { TableList = [] } = await stack.glue.send(
    new GetTablesCommand({ DatabaseName: database }),
  );
  return new Map(
    TableList.map((t) => [
      t.Name ?? '',
      (t.StorageDescriptor?.Columns ?? []).map((c) => c.Name ?? ''),
    ]),
  );
}

function lineCollector(lines: string[]): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      lines.push(
        ...String(chunk)
          .split('\n')
          .filter((line) => line.trim() !== ''),
      );
      done();
    },
  });
}
