/**
 * The benchmark's CSV files, generated the same on every run (a seeded generator), streamed
 * to disk: UTF-8, header first, `\n` line ends, Korean header names and values, quoted fields
 * with line breaks and doubled quotes, some empty fields. Every value fits VARCHAR(255), so
 * the loader never widens (a widening reloads the file and would measure something else).
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

export interface GeneratedFile {
  path: string;
  rows: number;
  columns: number;
  bytes: number;
}

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SCHOOLS = ['서울고등학교', '부산중학교', '대구초등학교', '인천여자고등학교', '광주과학고'];
const WORDS = ['검사', '결과', '학생', '선생님', '상담', '점수', '문항', '응답', '비고', '확인'];
const CITIES = [
  '서울시 서초구',
  '부산시 해운대구',
  '대구시 수성구',
  '인천시 연수구',
  '광주시 북구',
];

/** One column of the file: its header cell and how a row's value is made. */
interface ColumnKind {
  header: (index: number) => string;
  value: (row: number, random: () => number) => string;
}

/** A value as a CSV field: quoted when it holds the delimiter, a quote or a line break. */
function field(value: string, alwaysQuote = false): string {
  if (alwaysQuote || /[",\n\r]/.test(value)) return `"${value.replaceAll('"', '""')}"`;
  return value;
}

const pick = <T>(list: readonly T[], random: () => number): T =>
  list[Math.floor(random() * list.length)] as T;

const KINDS: readonly ColumnKind[] = [
  { header: (i) => (i === 0 ? 'USER_TESTING_NO' : `NO_${i}`), value: (row) => String(row + 1) },
  {
    header: (i) => `학교_${i}`,
    value: (_, random) => field(pick(SCHOOLS, random), true),
  },
  {
    header: (i) => `주소_${i}`,
    // About 1 in 100 addresses spans two lines inside its quotes.
    value: (row, random) =>
      field(
        random() < 0.01
          ? `${pick(CITIES, random)}\n${row % 997}번길 ${row % 31}`
          : `${pick(CITIES, random)} ${row % 997}번길`,
        true,
      ),
  },
  {
    header: (i) => `MEMO_${i}`,
    // Doubled quotes in about 1 in 50; empty in about 1 in 10.
    value: (_, random) => {
      const r = random();
      if (r < 0.1) return '';
      const text = `${pick(WORDS, random)} ${pick(WORDS, random)} ${pick(WORDS, random)}`;
      return field(r < 0.12 ? `그는 "${text}" 했다` : text);
    },
  },
  { header: (i) => `USE_YN_${i}`, value: (_, random) => (random() < 0.9 ? 'Y' : 'N') },
  {
    header: (i) => `REG_DATE_${i}`,
    value: (row) =>
      `2025-${String((row % 12) + 1).padStart(2, '0')}-${String((row % 28) + 1).padStart(2, '0')} ${String(row % 24).padStart(2, '0')}:${String(row % 60).padStart(2, '0')}:00`,
  },
  { header: (i) => `SCORE_${i}`, value: (_, random) => (random() * 100).toFixed(2) },
  {
    header: (i) => `EMAIL_${i}`,
    value: (row) => `user${row}@example.co.kr`,
  },
  {
    header: (i) => `비고_${i}`,
    value: (_, random) =>
      random() < 0.3 ? '' : field(`${pick(WORDS, random)}, ${pick(WORDS, random)}`),
  },
  {
    header: (i) => `CODE_${i}`,
    value: (row, random) => `C${(row * 7919) % 100000}-${Math.floor(random() * 10)}`,
  },
];

/** Column i's kind: the pattern of ten repeats across a wide file. */
const kindOf = (index: number): ColumnKind => KINDS[index % KINDS.length] as ColumnKind;

/** Writes `rows` data rows of `columns` fields to `path`, streamed, with backpressure. */
export async function generateCsv(
  path: string,
  rows: number,
  columns: number,
  seed: number,
): Promise<GeneratedFile> {
  const random = seededRandom(seed);
  const kinds = Array.from({ length: columns }, (_, i) => kindOf(i));
  const out = createWriteStream(path);
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`${kinds.map((kind, i) => kind.header(i)).join(',')}\n`);
  const batch: string[] = [];
  for (let row = 0; row < rows; row++) {
    batch.push(kinds.map((kind) => kind.value(row, random)).join(','));
    if (batch.length === 1000 || row === rows - 1) {
      await write(`${batch.join('\n')}\n`);
      batch.length = 0;
    }
  }
  out.end();
  await once(out, 'finish');
  return { path, rows, columns, bytes };
}
