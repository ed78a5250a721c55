/**
 * Writes the bad-input corpus (issue [9/10] "Bad input") into test/fixtures/bad/: one file per
 * case under files/, and expectations.json saying what the pipeline must do with each.
 * `npm run bad-corpus [dir]`.
 *
 * Deterministic: fixed text and a seeded PRNG, no clock, no Math.random, so a fresh run gives
 * byte-identical files (test/local/bad-input.test.ts checks it). Change this script rather than
 * the files; grow the corpus here with every bug found.
 *
 * Cases larger than 64 KiB (the 10 MB line, the bad bytes past 200 KB and past 1 MB, the value
 * longer than the first 64 KiB: 12 MB together) are not committed: the test writes them at run
 * time with `caseBytes`, so the repository holds under 200 KB while every case still runs.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { Random } from './samples/random.js';

/** What a dropped file must become; checked by test/local/bad-input.test.ts. */
export type BadExpectation =
  | {
      /** Filed, crawled, catalogued and mirrored in MySQL. */
      outcome: 'handled';
      table: string;
      columns: number;
      /** Data records in the filed file (header and blank lines not counted). */
      rows: number;
      /** The catalog's column names, where they are the point of the case. */
      names?: string[];
      /** The column comments that must hold the header cells as written (name → cell). */
      comments?: Record<string, string>;
      /** Catalog table parameters that must be set (e.g. the quoted-line-breaks warning). */
      parameters?: Record<string, string>;
      /** Phrases the execution's warnings must hold (each warning names the file). */
      warnings?: string[];
    }
  | {
      /** Filing refused it: nothing filed, the file left at the bucket root. */
      outcome: 'refused';
      error: string;
      /** Phrases the cause must contain; the cause must also name the file. */
      causeContains: string[];
    }
  | {
      /** Filed, then the workflow failed on it with a cause naming the file. */
      outcome: 'failed';
      table: string;
      error: string;
      causeContains: string[];
      /** The state the execution failed in. */
      failedState: string;
    }
  | {
      /** Not a file to file: left at the bucket root, no execution. */
      outcome: 'skipped';
      causeContains: string[];
    };

export interface BadCase {
  /** The file name as dropped at the bucket root (also the table's source). */
  file: string;
  /**
   * Every key the drop leaves in the bucket (filed copy, `_raw/` original, or the source left at
   * the root): together, all cases' keys are exactly the bucket's, and one of them holds the
   * dropped bytes unchanged — nothing is lost.
   */
  keys: string[];
  /** What the case is about, one line. */
  about: string;
  /** Written by the test at run time instead of committed (larger than 64 KiB). */
  generated: boolean;
  expect: BadExpectation;
  /** Today's behaviour is wrong in a file another helper owns: the test asserts only that nothing is lost. */
  knownBug?: string;
}

const STAMP = '202508291511';
/** 70 Korean letters: a file name near the file system's 255 bytes, a table name past MySQL's 50. */
const LONG_STEM = '아주긴이름'.repeat(14);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const KiB = 1024;
const MiB = KiB * KiB;
/** A header cell that looks like a template placeholder (kept out of template syntax). */
const PLACEHOLDER = `${'$'}{process.env.HOME}`;

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
/** Lines joined by LF, with a final LF, as UTF-8. */
const lines = (text: readonly string[]): Buffer => utf8(`${text.join('\n')}\n`);
const cp949 = (text: string): Buffer => iconv.encode(text, 'cp949');

/** The roster's header: the catalog keeps Korean names as they are. */
const ROSTER_NAMES = ['학번', '이름', '학년', '반'];

/** Korean names for filler rows, picked by a seeded PRNG. */
const FAMILY = ['김', '이', '박', '최', '정', '강', '조', '윤', '장', '임'];
const GIVEN = ['민준', '서연', '도윤', '하은', '시우', '지유', '주원', '서윤', '예준', '하린'];

/** One roster row (학번, 이름, 학년, 반) with its line break. */
function rosterRow(random: Random, n: number): string {
  const name = `${FAMILY[random.int(0, 9)]}${GIVEN[random.int(0, 9)]}`;
  return `2025${String(n).padStart(5, '0')},${name},${random.int(1, 6)},${random.int(1, 12)}\n`;
}

/** `count` rows of a student roster, numbered from `from`. */
function rosterRows(seed: string, count: number, from = 1): string {
  const random = new Random(seed);
  let text = '';
  for (let n = from; n < from + count; n++) text += rosterRow(random, n);
  return text;
}

/** A roster (header and rows) just past `minBytes` in the given encoding, and its row count. */
function rosterPast(
  seed: string,
  minBytes: number,
  encode: (text: string) => Buffer,
): { bytes: Buffer; rows: number } {
  const random = new Random(seed);
  const parts = [encode('학번,이름,학년,반\n')];
  let size = parts[0]?.length ?? 0;
  let rows = 0;
  while (size < minBytes) {
    const row = encode(rosterRow(random, ++rows));
    parts.push(row);
    size += row.length;
  }
  return { bytes: Buffer.concat(parts), rows };
}

/** The 1,000-column table: 열_0001 … 열_1000 and three short rows. */
function wideTable(): string {
  const header = Array.from({ length: 1000 }, (_, i) => `열_${String(i + 1).padStart(4, '0')}`);
  const rows = [1, 2, 3].map((r) => header.map((_, c) => `${r}${c % 10}`).join(','));
  return `${[header.join(','), ...rows].join('\n')}\n`;
}

/** 10 MB on one line and no line break: header cells `이름0`, `이름1`, … */
function tenMegabyteLine(): Buffer {
  const parts: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < 10 * MiB; i++) {
    const cell = `이름${i},`;
    parts.push(cell);
    bytes += Buffer.byteLength(cell);
  }
  return utf8(parts.join(''));
}

/** Bytes that look like a PNG: the signature, then seeded noise with NULs and high bytes. */
function binaryBytes(): Buffer {
  const random = new Random('binary');
  const noise = Buffer.alloc(4 * KiB);
  for (let i = 0; i < noise.length; i++) noise[i] = random.int(0, 255);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), noise]);
}

/** 0xFF starts no character in UTF-8 nor in CP949. */
const NEITHER = Buffer.from([0xff, 0xfe, 0xff]);

/** Rows after the bad line, so that the file's tail reads as the head's encoding. */
const TAIL_ROWS = 50;

/**
 * Valid text past `minBytes`, then one line holding bytes of neither encoding, then valid text
 * again (the tail reads as the head's encoding: only the middle is bad). Also its data records.
 */
function badPast(
  seed: string,
  minBytes: number,
  encode: (text: string) => Buffer,
): { bytes: Buffer; rows: number; badAt: number } {
  const head = rosterPast(seed, minBytes, encode);
  const badLine = utf8('299999999,');
  const tail = encode(rosterRows(`${seed}-tail`, TAIL_ROWS, 900_000));
  return {
    bytes: Buffer.concat([head.bytes, badLine, NEITHER, utf8(',1,1\n'), tail]),
    rows: head.rows + 1 + TAIL_ROWS,
    badAt: head.bytes.length + badLine.length,
  };
}

const BAD_200K_UTF8 = () => badPast('bad-utf8', 200 * KiB, utf8);
const BAD_1M_UTF8 = () => badPast('bad-utf8-1mb', MiB + 16 * KiB, utf8);
const BAD_200K_CP949 = () => badPast('bad-cp949', 200 * KiB, cp949);
/** Data records of the file with bad bytes past 1 MB (a case's expectation). */
const BAD_1MB_ROWS = BAD_1M_UTF8().rows;

/** A first row whose 메모 is 80 KiB: the head (64 KiB) ends inside it. */
function longValue(): Buffer {
  const memo = '상담 기록 메모 '.repeat(Math.ceil((80 * KiB) / 20));
  return utf8(`학번,메모,이름\n202500001,"${memo}",김민준\n202500002,짧은 메모,이서연\n`);
}

function delimited(delimiter: string): Buffer {
  return lines([
    ROSTER_NAMES.join(delimiter),
    ['202500001', '김민준', '1', '3'].join(delimiter),
    ['202500002', '이서연', '2', '7'].join(delimiter),
    ['202500003', '박도윤', '3', '1'].join(delimiter),
  ]);
}

const ROSTER_TEXT = `학번,이름,학년,반\n${rosterRows('utf16', 5)}`;

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) {
    const low = le[i] ?? 0;
    le[i] = le[i + 1] ?? 0;
    le[i + 1] = low;
  }
  return le;
}

/** The bytes of each case, by file name. */
const BYTES: Record<string, () => Buffer> = {
  [`빈_파일_${STAMP}.csv`]: () => Buffer.alloc(0),
  [`헤더만_${STAMP}.csv`]: () => utf8('학번,이름,학년,반\n'),
  [`들쭉날쭉_${STAMP}.csv`]: () =>
    utf8('학번,이름,학년\n202500001,김민준\n202500002,이서연,2,7,추가\n202500003,박도윤,3\n'),
  [`빈_헤더_${STAMP}.csv`]: () =>
    utf8('학번,,이름, \n202500001,가,김민준,나\n202500002,다,이서연,라\n'),
  [`중복_헤더_${STAMP}.csv`]: () =>
    utf8('id,,Id,ID,이름,이름\n1,a,b,c,김민준,민준\n2,d,e,f,이서연,서연\n'),
  [`위험한_헤더_${STAMP}.csv`]: () =>
    lines([
      [
        '`학번`',
        '"이름 ""별명"""',
        '"\'); DROP TABLE member; --"',
        '<script>alert(1)</script>',
        PLACEHOLDER,
        '../../etc/passwd',
        '😀 이모지',
        `"${'아주긴열이름'.repeat(30)}"`,
        '"줄\n바꿈"',
      ].join(','),
      '1,2,3,4,5,6,7,8,9',
      '10,20,30,40,50,60,70,80,90',
    ]),
  [`JS_속성_헤더_${STAMP}.csv`]: () =>
    utf8(
      '__proto__,constructor,toString,hasOwnProperty,valueOf,prototype\n1,2,3,4,5,6\n7,8,9,10,11,12\n',
    ),
  [`constructor_${STAMP}.csv`]: () => utf8('__proto__,학번\n1,202500001\n'),
  [`넓은_표_1000열_${STAMP}.csv`]: () => utf8(wideTable()),
  [`한_줄_10MB_${STAMP}.csv`]: tenMegabyteLine,
  [`바이너리_${STAMP}.csv`]: binaryBytes,
  [`깨진_첫줄_${STAMP}.csv`]: () =>
    Buffer.concat([utf8('학번,'), NEITHER, utf8('이름\n202500001,김민준\n')]),
  [`깨진_200KB_뒤_UTF8_${STAMP}.csv`]: () => BAD_200K_UTF8().bytes,
  [`깨진_1MB_뒤_UTF8_${STAMP}.csv`]: () => BAD_1M_UTF8().bytes,
  [`깨진_200KB_뒤_CP949_${STAMP}.csv`]: () => BAD_200K_CP949().bytes,
  [`!!!_${STAMP}.csv`]: () => utf8('학번,이름\n202500001,김민준\n'),
  [`구분자_쉼표_${STAMP}.csv`]: () => delimited(','),
  [`구분자_세미콜론_${STAMP}.csv`]: () => delimited(';'),
  [`구분자_탭_${STAMP}.csv`]: () => delimited('\t'),
  [`구분자_파이프_${STAMP}.csv`]: () => delimited('|'),
  [`UTF16LE_학생_${STAMP}.csv`]: () =>
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ROSTER_TEXT, 'utf16le')]),
  [`UTF16BE_학생_${STAMP}.csv`]: () =>
    Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(ROSTER_TEXT)]),
  [`CRLF_끝줄없음_${STAMP}.csv`]: () =>
    utf8('학번,이름,학년\r\n202500001,김민준,1\r\n202500002,이서연,2'),
  [`긴_값_${STAMP}.csv`]: longValue,
  [`예약어_${STAMP}.csv`]: () =>
    utf8(
      'select,from,order,key,group,where,table,index,desc,int,primary,limit\n1,2,3,4,5,6,7,8,9,10,11,12\n',
    ),
  [`학생_명부_${STAMP}.csv`]: () => utf8(`학번,이름,학년,반\n${rosterRows('roster', 20)}`),
  [`따옴표_줄바꿈_${STAMP}.csv`]: () =>
    utf8(
      '학번,이름,메모\n202500001,김민준,"첫째 줄\n둘째 줄"\n202500002,이서연,"a\r\nb, 쉼표 ""따옴표"""\n202500003,박도윤,없음\n',
    ),
  [`BOM_CP949_혼합_${STAMP}.csv`]: () =>
    Buffer.concat([UTF8_BOM, cp949('학번,이름,학년\n202500001,김민준,1\n')]),
  [`공백_헤더_${STAMP}.csv`]: () => utf8(' , ,\t\n1,2,3\n'),
  [`열이름_충돌_${STAMP}.csv`]: () => utf8('a,,col1,COL1\n1,2,3,4\n'),
  [`UTF16LE_BOM없음_${STAMP}.csv`]: () =>
    Buffer.from('id,name,학년\n1,김민준,1\n2,이서연,2\n', 'utf16le'),
  [`UTF16LE_홀수바이트_${STAMP}.csv`]: () =>
    Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('학번,이름\n202500001,김민준\n', 'utf16le'),
      Buffer.from([0x41]),
    ]),
  [`학생 명부+반_${STAMP}.csv`]: () => utf8('학번,이름\n202500001,김민준\n'),
  [`2025_학생_${STAMP}.csv`]: () => utf8('학번,이름\n202500001,김민준\n'),
  [`${LONG_STEM}_${STAMP}.csv`]: () => utf8('학번,이름\n202500001,김민준\n'),
  [`NUL_값_${STAMP}.csv`]: () => Buffer.from('id,memo\n1,a\u0000b\n2,c\n', 'utf8'),
  [`헤더_NUL_${STAMP}.csv`]: () => Buffer.from('id,na\u0000me\n1,2\n', 'utf8'),
  [`따옴표_안닫힘_${STAMP}.csv`]: () => utf8('학번,이름\n202500001,"김민준\n202500002,이서연\n'),
  [`대문자_확장자_${STAMP}.CSV`]: () => utf8('학번,이름\n202500001,김민준\n'),
};

/** A case filed under its table's prefix: the copy there (and `_raw/` when transcoded). */
function handled(
  file: string,
  about: string,
  expect: Omit<Extract<BadExpectation, { outcome: 'handled' }>, 'outcome'>,
  options: { generated?: boolean; transcoded?: boolean; knownBug?: string } = {},
): BadCase {
  const keys = [`${expect.table}/${file}`];
  if (options.transcoded) keys.push(`_raw/${expect.table}/${file}`);
  return {
    file,
    about,
    keys,
    generated: options.generated ?? false,
    expect: { outcome: 'handled', ...expect },
    ...(options.knownBug ? { knownBug: options.knownBug } : {}),
  };
}

/** A case filing refused: the source stays at the bucket root (plus any `extraKeys`). */
function refused(
  file: string,
  about: string,
  error: string,
  causeContains: string[],
  options: { generated?: boolean; extraKeys?: string[]; knownBug?: string } = {},
): BadCase {
  return {
    file,
    about,
    keys: [file, ...(options.extraKeys ?? [])],
    generated: options.generated ?? false,
    expect: { outcome: 'refused', error, causeContains },
    ...(options.knownBug ? { knownBug: options.knownBug } : {}),
  };
}

/** A case filed whose execution then failed: the copy stays under the table's prefix. */
function failed(
  file: string,
  about: string,
  expect: Omit<Extract<BadExpectation, { outcome: 'failed' }>, 'outcome'>,
  options: { generated?: boolean } = {},
): BadCase {
  return {
    file,
    about,
    keys: [`${expect.table}/${file}`],
    generated: options.generated ?? false,
    expect: { outcome: 'failed', ...expect },
  };
}

const f = (stem: string): string => `${stem}_${STAMP}.csv`;

/** The corpus: each case, what it is about and what must become of it. */
export const BAD_CASES: readonly BadCase[] = [
  {
    file: f('빈_파일'),
    about: 'an empty file (zero bytes): not a table, left at the root',
    keys: [f('빈_파일')],
    generated: false,
    expect: { outcome: 'skipped', causeContains: ['zero-byte object'] },
  },
  handled(f('헤더만'), 'a header and no rows', {
    table: '헤더만',
    columns: 4,
    rows: 0,
    names: ROSTER_NAMES,
  }),
  failed(f('들쭉날쭉'), 'ragged rows: fewer and more fields than the header', {
    table: '들쭉날쭉',
    error: 'CatalogTableMissing',
    causeContains: [
      'the header has 3 fields but line 2 has 2 and line 3 has 5',
      'sync --table 들쭉날쭉',
    ],
    failedState: 'CoerceSchema',
  }),
  handled(f('빈_헤더'), 'blank header cells (empty and a space)', {
    table: '빈_헤더',
    columns: 4,
    rows: 2,
    names: ['학번', 'col1', '이름', 'col3'],
  }),
  handled(f('중복_헤더'), 'duplicate header names, in different cases, and a blank one', {
    table: '중복_헤더',
    columns: 6,
    rows: 2,
    names: ['id', 'col1', 'id_2', 'id_3', '이름', '이름_2'],
  }),
  handled(
    f('위험한_헤더'),
    'hostile header cells: backticks, quotes, SQL, HTML, a template placeholder, a path, an emoji, 180 letters, a line break',
    {
      table: '위험한_헤더',
      columns: 9,
      rows: 2,
      names: [
        '학번',
        '이름_별명',
        'drop_table_member',
        'script_alert_1_script',
        'process_env_home',
        'etc_passwd',
        '이모지',
        '아주긴열이름'.repeat(11).slice(0, 64),
        '줄_바꿈',
      ],
      comments: {
        학번: '`학번`',
        이름_별명: '이름 "별명"',
        drop_table_member: "'); DROP TABLE member; --",
        script_alert_1_script: '<script>alert(1)</script>',
        process_env_home: PLACEHOLDER,
        etc_passwd: '../../etc/passwd',
      },
    },
  ),
  handled(
    f('JS_속성_헤더'),
    'header names that are JavaScript properties (__proto__, constructor, toString, …)',
    {
      table: 'js_속성_헤더',
      columns: 6,
      rows: 2,
      names: ['proto', 'constructor', 'tostring', 'hasownproperty', 'valueof', 'prototype'],
    },
  ),
  handled(f('constructor'), 'a table named constructor, with a __proto__ column', {
    table: 'constructor',
    columns: 2,
    rows: 1,
    names: ['proto', '학번'],
  }),
  failed(
    f('넓은_표_1000열'),
    '1,000 columns: catalogued; MySQL refuses a table that wide before any statement',
    {
      table: '넓은_표_1000열',
      error: 'RdsTableTooWide',
      causeContains: ['would have 1000 columns', 'rds.tables.넓은_표_1000열.overflow: json'],
      failedState: 'SyncRdsDdl',
    },
  ),
  refused(
    f('한_줄_10MB'),
    '10 MB on a single line, no line break',
    'FilingError',
    ['sniff failed', 'no complete header line'],
    { generated: true },
  ),
  refused(f('바이너리'), 'a binary file (PNG signature and noise) named .csv', 'FilingError', [
    'sniff failed',
    'is neither UTF-8 nor CP949',
  ]),
  refused(
    f('깨진_첫줄'),
    'bytes of neither UTF-8 nor CP949 in the header line (at byte 7)',
    'FilingError',
    ['sniff failed', 'is neither UTF-8 nor CP949: undecodable bytes at offset 7'],
  ),
  failed(
    f('깨진_200KB_뒤_UTF8'),
    `UTF-8 whose bytes past 200 KB (at offset ${BAD_200K_UTF8().badAt}) are neither UTF-8 nor CP949, head and tail fine: copied as is, the local crawl fails`,
    {
      table: '깨진_200kb_뒤_utf8',
      error: 'CrawlerFailed',
      causeContains: [
        f('깨진_200KB_뒤_UTF8'),
        'not valid UTF-8',
        'sync --table 깨진_200kb_뒤_utf8',
      ],
      failedState: 'CrawlerFailed',
    },
    { generated: true },
  ),
  handled(
    f('깨진_1MB_뒤_UTF8'),
    `UTF-8 whose bytes past 1 MB (at offset ${BAD_1M_UTF8().badAt}, past the crawler's sample) are neither UTF-8 nor CP949: catalogued, with a warning naming the offset`,
    {
      table: '깨진_1mb_뒤_utf8',
      columns: 4,
      rows: BAD_1MB_ROWS,
      names: ROSTER_NAMES,
      warnings: [`the bytes at offset ${BAD_1M_UTF8().badAt} are not UTF-8`],
    },
    { generated: true },
  ),
  refused(
    f('깨진_200KB_뒤_CP949'),
    `CP949 whose bytes past 200 KB (at offset ${BAD_200K_CP949().badAt}) are neither CP949 nor UTF-8`,
    'FilingError',
    ['transcode failed', 'CP949', 'offset'],
    { generated: true, extraKeys: [`_raw/깨진_200kb_뒤_cp949/${f('깨진_200KB_뒤_CP949')}`] },
  ),
  refused(f('!!!'), 'a file name that sanitises to nothing', 'NamingError', [
    'the file name gives no table name',
    'naming',
  ]),
  handled(f('구분자_쉼표'), 'comma-delimited', {
    table: '구분자_쉼표',
    columns: 4,
    rows: 3,
    names: ROSTER_NAMES,
    parameters: { separatorChar: ',' },
  }),
  handled(f('구분자_세미콜론'), 'semicolon-delimited', {
    table: '구분자_세미콜론',
    columns: 4,
    rows: 3,
    names: ROSTER_NAMES,
    parameters: { separatorChar: ';' },
  }),
  handled(f('구분자_탭'), 'tab-delimited', {
    table: '구분자_탭',
    columns: 4,
    rows: 3,
    names: ROSTER_NAMES,
    parameters: { separatorChar: '\t' },
  }),
  handled(f('구분자_파이프'), 'pipe-delimited', {
    table: '구분자_파이프',
    columns: 4,
    rows: 3,
    names: ROSTER_NAMES,
    parameters: { separatorChar: '|' },
  }),
  handled(
    f('UTF16LE_학생'),
    'UTF-16LE with a byte-order mark',
    { table: 'utf16le_학생', columns: 4, rows: 5, names: ROSTER_NAMES },
    { transcoded: true },
  ),
  handled(
    f('UTF16BE_학생'),
    'UTF-16BE with a byte-order mark',
    { table: 'utf16be_학생', columns: 4, rows: 5, names: ROSTER_NAMES },
    { transcoded: true },
  ),
  handled(f('CRLF_끝줄없음'), 'CRLF line breaks and no final line break', {
    table: 'crlf_끝줄없음',
    columns: 3,
    rows: 2,
    names: ['학번', '이름', '학년'],
  }),
  handled(
    f('긴_값'),
    'a value longer than the first 64 KiB (the head ends inside it)',
    { table: '긴_값', columns: 3, rows: 2, names: ['학번', '메모', '이름'] },
    { generated: true },
  ),
  handled(f('예약어'), 'SQL reserved words as header names', {
    table: '예약어',
    columns: 12,
    rows: 1,
    names: [
      'select',
      'from',
      'order',
      'key',
      'group',
      'where',
      'table',
      'index',
      'desc',
      'int',
      'primary',
      'limit',
    ],
  }),
  handled(f('학생_명부'), 'the normal case: Korean file name, Korean header and values, UTF-8', {
    table: '학생_명부',
    columns: 4,
    rows: 20,
    names: ROSTER_NAMES,
  }),
  handled(
    f('따옴표_줄바꿈'),
    'quoted fields holding LF and CRLF line breaks, commas and doubled quotes',
    {
      table: '따옴표_줄바꿈',
      columns: 3,
      rows: 3,
      names: ['학번', '이름', '메모'],
      parameters: { 'csv_catalog.quoted_line_breaks': 'true' },
    },
  ),
  refused(f('BOM_CP949_혼합'), 'a UTF-8 byte-order mark followed by CP949 bytes', 'FilingError', [
    'sniff failed',
    'is not valid UTF-8 (it has a byte-order mark): undecodable bytes at offset 3',
  ]),
  refused(f('공백_헤더'), 'a header of blank cells only (spaces, a tab)', 'FilingError', [
    'sniff failed',
    'the header (first line) has no column names',
  ]),
  handled(f('열이름_충돌'), "a header cell named like another column's fallback name (col1)", {
    table: '열이름_충돌',
    columns: 4,
    rows: 1,
    names: ['a', 'col1', 'col1_2', 'col1_3'],
    comments: { col1_2: 'col1', col1_3: 'COL1' },
  }),
  refused(f('UTF16LE_BOM없음'), 'UTF-16LE without a byte-order mark', 'FilingError', [
    'sniff failed',
    'is neither UTF-8 nor CP949',
    'it looks like UTF-16LE without a byte-order mark: set encoding: utf-16le',
  ]),
  refused(
    f('UTF16LE_홀수바이트'),
    'UTF-16LE with a byte-order mark and an odd last byte',
    'FilingError',
    [
      'sniff failed',
      'is not valid UTF-16LE (it has a byte-order mark): undecodable bytes at offset 42',
    ],
  ),
  handled(f('학생 명부+반'), 'a space and a + in the file name (S3 event keys encode them)', {
    table: '학생_명부_반',
    columns: 2,
    rows: 1,
    names: ['학번', '이름'],
  }),
  handled(f('2025_학생'), 'a file name starting with a digit', {
    table: 't_2025_학생',
    columns: 2,
    rows: 1,
    names: ['학번', '이름'],
  }),
  handled(f(LONG_STEM), 'a 70-letter Korean file name: the table name keeps 50 letters', {
    table: LONG_STEM.slice(0, 50),
    columns: 2,
    rows: 1,
    names: ['학번', '이름'],
  }),
  handled(f('NUL_값'), 'a NUL byte inside a value', {
    table: 'nul_값',
    columns: 2,
    rows: 2,
    names: ['id', 'memo'],
  }),
  handled(f('헤더_NUL'), 'a NUL byte inside a header cell', {
    table: '헤더_nul',
    columns: 2,
    rows: 1,
    names: ['id', 'na_me'],
  }),
  refused(f('따옴표_안닫힘'), 'a quote opened and never closed', 'FilingError', [
    'sniff failed',
    'is not valid CSV',
    'opening quote at line 3',
  ]),
  {
    file: `대문자_확장자_${STAMP}.CSV`,
    about: 'an upper-case .CSV extension',
    keys: [`대문자_확장자/대문자_확장자_${STAMP}.CSV`],
    generated: false,
    expect: {
      outcome: 'handled',
      table: '대문자_확장자',
      columns: 2,
      rows: 1,
      names: ['학번', '이름'],
    },
  },
];

/** The bytes of one case. */
export function caseBytes(file: string): Buffer {
  const make = BYTES[file];
  if (!make) throw new Error(`no bad-corpus case named ${file}`);
  return make();
}

/** The expectations file: every case, the generated ones too (their bytes come from caseBytes). */
export function expectationsJson(): string {
  return `${JSON.stringify(BAD_CASES, null, 2)}\n`;
}

/**
 * Writes the committed part of the corpus into dir: files/<case> for each case not generated at
 * run time, and expectations.json. Files/ is emptied first so a removed case leaves nothing.
 */
export async function writeBadCorpus(dir: string): Promise<string[]> {
  const files = join(dir, 'files');
  await rm(files, { recursive: true, force: true });
  await mkdir(files, { recursive: true });
  const written: string[] = [];
  for (const c of BAD_CASES) {
    if (c.generated) continue;
    const path = join(files, c.file);
    await writeFile(path, caseBytes(c.file));
    written.push(path);
  }
  const expectations = join(dir, 'expectations.json');
  await writeFile(expectations, expectationsJson());
  written.push(expectations);
  return written;
}

/** Writes every case (the generated ones too) into dir, ready to drop; resolves to the paths. */
export async function writeAllCases(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const c of BAD_CASES) {
    const path = join(dir, c.file);
    await writeFile(path, caseBytes(c.file));
    paths.push(path);
  }
  return paths;
}

const DEFAULT_DIR = fileURLToPath(new URL('../test/fixtures/bad/', import.meta.url));

const invokedDirectly =
  process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);

if (invokedDirectly) {
  const dir = resolve(process.argv[2] ?? DEFAULT_DIR);
  const paths = await writeBadCorpus(dir);
  process.stdout.write(`wrote ${paths.length} files to ${dir}\n`);
}
