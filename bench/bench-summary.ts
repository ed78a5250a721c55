/**
 * The one table `npm run bench` prints: a row per figure the issue asks for, each with what it
 * is compared with, the ratio, the aim and whether it is met. Read from the measurements'
 * JSON defensively: a measurement that failed or changed shape gives a row that says so,
 * never a crash that loses the other rows.
 */

export interface SummaryRow {
  measurement: string;
  figure: string;
  baseline: string;
  ratio: string;
  aim: string;
  met: string;
}

/** What one measurement returned, or the error it failed with. */
export type MeasurementEntry = Record<string, unknown> & { error?: string };

type Summarize = (m: Reader) => SummaryRow[];

/** Read access by path into JSON of unknown shape. */
class Reader {
  constructor(private readonly value: unknown) {}

  at(...path: (string | number)[]): Reader {
    let current = this.value;
    for (const step of path) {
      if (current === null || typeof current !== 'object') return new Reader(undefined);
      current = Object.hasOwn(current, step)
        ? (current as Record<string | number, unknown>)[step]
        : undefined;
    }
    return new Reader(current);
  }

  num(): number | undefined {
    return typeof this.value === 'number' && Number.isFinite(this.value) ? this.value : undefined;
  }

  str(): string | undefined {
    return typeof this.value === 'string' ? this.value : undefined;
  }

  list(): Reader[] {
    return Array.isArray(this.value) ? this.value.map((v) => new Reader(v)) : [];
  }

  record(): [string, Reader][] {
    const v = this.value;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return [];
    return Object.entries(v).map(([k, item]) => [k, new Reader(item)]);
  }

  met(): string {
    return this.value === true ? 'yes' : this.value === false ? 'NO' : '?';
  }
}

const fmt = (n: number | undefined, unit = '', digits = 1): string =>
  n === undefined ? '?' : `${Number(n.toFixed(digits)).toLocaleString('en-US')}${unit}`;
/** 1 MiB, 10.2 MiB, 1 GiB. */
const sizeLabel = (bytes: number | undefined): string => {
  if (bytes === undefined) return '?';
  const mib = bytes / 1024 ** 2;
  return mib >= 1024 ? fmt(mib / 1024, ' GiB') : fmt(mib, ' MiB');
};
const times = (n: number | undefined): string => (n === undefined ? '?' : `${fmt(n, '', 2)}×`);

function row(measurement: string, rest: Partial<SummaryRow>): SummaryRow {
  return { measurement, figure: '', baseline: '', ratio: '', aim: '', met: '', ...rest };
}

const filingReads: Summarize = (m) =>
  m
    .at('sizes')
    .list()
    .map((size) => {
      const read = size.at('bytesRead').num();
      const baseline = m.at('baselineBytes').num();
      return row(`bytes read filing a UTF-8 file of ${size.at('file').str() ?? '?'}`, {
        figure: `${fmt(read === undefined ? undefined : read / 1024, ' KiB')} in ${fmt(size.at('filingSeconds').num(), ' s', 2)}`,
        baseline: `${fmt(baseline === undefined ? undefined : baseline / 1024, ' KiB')} (before)`,
        ratio: times(size.at('ratioToBaseline').num()),
        aim: '≤ 128 KiB',
        met: read !== undefined && baseline !== undefined ? (read <= baseline ? 'yes' : 'NO') : '?',
      });
    });

const filing: Summarize = (m) =>
  m
    .at('runs')
    .list()
    .map((run) =>
      row(
        `backfill vs notebook loop, +${fmt(run.at('latencyMs').num(), ' ms', 0)}/request (${fmt(m.at('files').num(), '', 0)} files)`,
        {
          figure: `${fmt(run.at('filing', 'filesPerSecond').num(), ' files/s')}, ${fmt(run.at('filing', 'requestsPerFile').num(), ' req/file', 2)}, at most ${times(run.at('ceiling').num())} here`,
          baseline: `${fmt(run.at('loop', 'filesPerSecond').num(), ' files/s')}, ${fmt(run.at('loop', 'requestsPerFile').num(), ' req/file', 2)}`,
          ratio: times(run.at('ratio').num()),
          aim: `≥ ${fmt(run.at('aim').num(), '×', 0)} the loop`,
          met: run.at('aimMet').met(),
        },
      ),
    );

const transcode: Summarize = (m) => {
  const iconvSpeed = `iconv ${fmt(m.at('iconv', 'mbPerSecond').num(), ' MB/s', 0)}`;
  const method = (name: string) => m.at('methods', name);
  const ours = method('ours');
  const previous = method('iconv-lite (previous)');
  const input = fmt(m.at('inputMb').num(), ' MB', 0);
  return [
    row(`transcode CP949 → UTF-8, ${input} file to file`, {
      figure: `${fmt(ours.at('mbPerSecond').num(), ' MB/s', 0)}, peak RSS ${fmt(ours.at('peakRssMb').num(), ' MB', 0)}`,
      baseline: iconvSpeed,
      ratio: times(m.at('ratio').num()),
      aim: '≥ 0.5× iconv, RSS < 256 MB',
      met: m.at('aimMet').met(),
    }),
    row('  the previous decoder (iconv-lite)', {
      figure: `${fmt(previous.at('mbPerSecond').num(), ' MB/s', 0)}, peak RSS ${fmt(previous.at('peakRssMb').num(), ' MB', 0)}`,
      baseline: iconvSpeed,
      ratio: times(previous.at('speedVsIconv').num()),
    }),
  ];
};

const cp949Filing: Summarize = (m) => {
  const filed = m.at('filing');
  const same = filed.at('sameBytesAsIconv').met();
  return [
    row(`filing a ${fmt(m.at('inputMb').num(), ' MB', 0)} CP949 file (event path)`, {
      figure: `${fmt(filed.at('seconds').num(), ' s', 1)}, peak RSS ${fmt(filed.at('peakRssMb').num(), ' MB', 0)}, same bytes as iconv: ${same}`,
      baseline: `iconv ${fmt(m.at('iconv', 'seconds').num(), ' s', 1)}`,
      ratio: times(m.at('ratio').num()),
      aim: '≤ 4× iconv, RSS < 256 MB',
      met: m.at('aimMet').met(),
    }),
  ];
};

const burst: Summarize = (m) => {
  const once = m.at('validatedOnce');
  const every = m.at('validatedEveryExecution');
  const runs = once
    .at('crawlerRunsPerTable')
    .record()
    .map(([, n]) => n.num() ?? Number.NaN);
  return [
    row(`burst of ${fmt(once.at('files').num(), '', 0)} files, files per minute`, {
      figure: `${fmt(once.at('filesPerMinute').num(), ' files/min', 0)}, ${fmt(once.at('notSucceeded').num(), '', 0)} not SUCCEEDED`,
      baseline: `${fmt(every.at('filesPerMinute').num(), ' files/min', 0)} (ASL validated per execution)`,
      ratio: times(m.at('speedup').num()),
      aim: '≥ 600 files/min',
      met: m.at('aimMet').met(),
    }),
    row('  crawler runs per table', {
      figure:
        runs.length === 0
          ? '?'
          : `${Math.min(...runs)}–${Math.max(...runs)} over ${runs.length} tables`,
      aim: '1 or 2',
      met: runs.length === 0 ? '?' : runs.every((n) => n >= 1 && n <= 2) ? 'yes' : 'NO',
    }),
  ];
};

const crawlerSample: Summarize = (m) => {
  const kib = (r: Reader) => {
    const bytes = r.at('bytesRead').num();
    return fmt(bytes === undefined ? undefined : bytes / 1024, ' KiB read', 0);
  };
  const small = m.at('small');
  const large = m.at('large');
  return [
    row(`local crawl, a table of one ${sizeLabel(large.at('fileBytes').num())} vs 1 MiB file`, {
      figure: `${fmt(large.at('crawlMsMedian').num(), ' ms')}, ${kib(large)}`,
      baseline: `${fmt(small.at('crawlMsMedian').num(), ' ms')}, ${kib(small)}`,
      ratio: times(m.at('ratio').num()),
      aim: 'flat: ≤ 2×, same bytes',
      met: m.at('aimMet').met(),
    }),
  ];
};

const cliStart: Summarize = (m) => {
  const bare = m.at('medianMs', 'node -e 0').num();
  const probe = (label: string, title: string, aim = '') =>
    row(title, {
      figure: fmt(m.at('medianMs', label).num(), ' ms', 0),
      baseline: `node -e 0: ${fmt(bare, ' ms', 0)}`,
      ratio: times(m.at('ratioToNode', label).num()),
      aim,
      met: aim
        ? (m.at('ratioToNode', label).num() ?? Number.POSITIVE_INFINITY) <= 3
          ? 'yes'
          : 'NO'
        : '',
    });
  return [
    probe('--help', 'CLI start: --help', '≤ 3× node -e 0'),
    probe('executions --dir <folder>', 'CLI start: executions --dir <folder>', '≤ 3× node -e 0'),
    probe('--version', 'CLI start: --version'),
    probe("every command's code", "  loading every command's code (as before)"),
  ];
};

const sniff: Summarize = (m) => [
  row(m.at('what').str() ?? 'sniff', { figure: fmt(m.at('msEach').num(), ' ms each', 2) }),
];

const handlers: Summarize = (m) => [
  row(`handler chain, per invocation (${fmt(m.at('invocations').num(), '', 0)} invocations)`, {
    figure: `createHandler ${fmt(m.at('createHandlerMicrosPerInvocation').num(), ' µs')}`,
    baseline: `middy + zod before ${fmt(m.at('baselineMicrosPerInvocation').num(), ' µs')}`,
    ratio: times(m.at('ratioVsBaseline').num()),
    aim: 'none (for information)',
  }),
];

/** The measurements in the order they run, each with its title and its rows. */
export const SUMMARIES: Readonly<Record<string, { title: string; rows: Summarize }>> = {
  filingReads: { title: 'bytes read per UTF-8 file', rows: filingReads },
  filing: { title: 'backfill vs the notebook loop', rows: filing },
  transcode: { title: 'transcoding vs iconv', rows: transcode },
  cp949Filing: { title: 'filing a CP949 file vs iconv', rows: cp949Filing },
  burst: { title: 'the 200-file burst', rows: burst },
  crawlerSample: { title: 'the local crawler on 1 MiB vs 1 GiB', rows: crawlerSample },
  cliStart: { title: 'CLI start vs node -e 0', rows: cliStart },
  sniff: { title: 'sniffing a head', rows: sniff },
  handlers: { title: 'the handler chain', rows: handlers },
};

/** The rows of every measurement; one row with the error for a measurement that failed. */
export function summaryRows(measurements: Record<string, MeasurementEntry>): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const [key, entry] of Object.entries(measurements)) {
    const summary = Object.hasOwn(SUMMARIES, key) ? SUMMARIES[key] : undefined;
    const title = summary?.title ?? key;
    if (entry.error !== undefined) {
      rows.push(row(title, { figure: entry.error.split('\n')[0]?.slice(0, 120) ?? '', met: '-' }));
      continue;
    }
    try {
      rows.push(...(summary ? summary.rows(new Reader(entry)) : []));
    } catch (error) {
      rows.push(row(title, { figure: `summary failed: ${String(error)}` }));
    }
  }
  return rows;
}

const COLUMNS: { key: keyof SummaryRow; title: string }[] = [
  { key: 'measurement', title: 'measurement' },
  { key: 'figure', title: 'figure' },
  { key: 'baseline', title: 'compared with' },
  { key: 'ratio', title: 'ratio' },
  { key: 'aim', title: 'aim' },
  { key: 'met', title: 'met' },
];

/** Plain text, one line per row, columns padded (Korean in a row would need string-width). */
export function formatTable(rows: SummaryRow[]): string {
  const widths = COLUMNS.map(({ key, title }) =>
    Math.max(title.length, ...rows.map((r) => r[key].length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [
    line(COLUMNS.map((c) => c.title)),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(COLUMNS.map((c) => r[c.key]))),
  ].join('\n');
}
