import type { CsvLayout } from './csv-text.js';
import { koreanName } from './korean.js';
import { Random } from './random.js';
import { moment, slashDateText, timestampText, utc } from './time-text.js';
import { ageIn2025, type World } from './world.js';

/** One sample file: its rows, how it is written, and what it is there to exercise. */
export interface SampleTable {
  /** `TABLE_NAME_YYYYMMDDHHMM.csv`, as the team's exports are named. */
  file: string;
  purpose: string;
  header: string[];
  rows: string[][];
  layout?: CsvLayout;
  encoding?: 'utf-8' | 'cp949';
  bom?: boolean;
}

const SINCE = utc(2025, 3, 2);
const DUMPED = utc(2025, 8, 29, 15, 0);
const yn = (random: Random, yes = 0.85): string => (random.chance(yes) ? 'Y' : 'N');
const str = (value: number): string => String(value);

/** PSY item ids (the tests a school can order) and their Korean names. */
const PSY_ITEMS = [
  { id: 1001, name: '학습 유형 검사' },
  { id: 1002, name: '진로 적성 검사' },
  { id: 1003, name: '정서 행동 특성 검사' },
  { id: 1004, name: 'K-ABC-II 인지 검사' },
  { id: 1005, name: '교우 관계 검사' },
] as const;

export function sampleTables(world: World): SampleTable[] {
  return [
    atBasicInquiryVal(world),
    atQuestion(),
    atScaleCode(),
    atUserScaleScore(),
    atUserTestingPaperPn(),
    member(world),
    psyOrd(world),
    psyOrdClass(world),
    psyTargetDetail(world),
    ...schoolClass(world),
    schoolInfo(world),
    schoolStudent(world),
    schoolTeacher(world),
  ];
}

/** Wide: 16 fixed columns and 40 items × (raw, score, pct) = 136 columns. */
export const WIDE_ITEMS = 40;

function atBasicInquiryVal(world: World): SampleTable {
  const random = new Random('AT_BASIC_INQUIRY_VAL');
  const header = [
    'user_testing_no',
    'psy_item_id',
    'psy_item_ver',
    'sub_psy_item_id',
    'age_ext_sub_psy_item_id',
    'kabc_sub_psy_item_id',
    'testing_org',
    'birthday',
    'sex',
    'at_region_cd',
    'testing_date',
    'name',
    'at_age_cd',
    'at_extension_age_cd',
    'at_school_type_cd',
    'at_school_age_cd',
  ];
  for (let item = 1; item <= WIDE_ITEMS; item += 1) {
    const base = `item_${String(item).padStart(3, '0')}`;
    header.push(`${base}_raw`, `${base}_score`, `${base}_pct`);
  }
  const rows: string[][] = [];
  for (let index = 0; index < 48; index += 1) {
    const student = world.students[index]!;
    const school = world.schools.find((s) => s.code === student.schoolCode)!;
    const psyItem = random.pick(PSY_ITEMS);
    const kabc = psyItem.id === 1004;
    const age = ageIn2025(student.birthday);
    const schoolYear = age - (school.typeCd === 'E' ? 6 : school.typeCd === 'M' ? 12 : 15);
    const row = [
      str(2025082900001 + index),
      str(psyItem.id),
      str(random.int(1, 3)),
      str(psyItem.id * 10 + random.int(1, 4)),
      random.chance(0.3) ? str(psyItem.id * 100 + random.int(1, 9)) : '',
      kabc ? str(random.int(40100, 40120)) : '',
      school.name,
      student.birthday,
      student.sex,
      school.regionCd,
      timestampText(moment(random, utc(2025, 8, 18), DUMPED)),
      student.name,
      `A${String(age).padStart(2, '0')}`,
      random.chance(0.2) ? `X${String(age).padStart(2, '0')}` : '',
      school.typeCd,
      `${school.typeCd}${schoolYear}`,
    ];
    const answered = random.int(Math.floor(WIDE_ITEMS * 0.7), WIDE_ITEMS);
    for (let item = 1; item <= WIDE_ITEMS; item += 1) {
      if (item > answered) {
        row.push('', '', '');
        continue;
      }
      const raw = random.int(0, 20);
      row.push(str(raw), (raw * 2.5 + random.next() * 10).toFixed(2), random.decimal(0, 100, 1));
    }
    rows.push(row);
  }
  return {
    file: 'AT_BASIC_INQUIRY_VAL_202508291510.csv',
    purpose: `wide table: ${header.length} columns (more than MySQL can hold as VARCHAR(255) in one utf8mb4 row), sparse trailing items, Korean names`,
    header,
    rows,
  };
}

const QUESTION_STEMS = [
  '나는 새로운 친구를 쉽게 사귄다.',
  '공부할 때, 계획을 세우고 그대로 지키는 편이다.',
  '어려운 문제를 만나면 "끝까지" 풀어 보려고 한다.',
  'I prefer working in groups, rather than alone.',
  '수업 시간에 질문하는 것이 부끄럽지 않다.',
  'When I feel upset, I talk to someone I trust.',
  '시험 전날에는 잠을 잘 못 잔다.',
  '나는 내가 좋아하는 일이 무엇인지 알고 있다.',
];

function atQuestion(): SampleTable {
  const random = new Random('AT_QUESTION');
  const rows: string[][] = [];
  for (let index = 0; index < 40; index += 1) {
    const stem = QUESTION_STEMS[index % QUESTION_STEMS.length]!;
    const english = /^[A-Z]/.test(stem);
    const choices = english
      ? '1) Never\n2) Sometimes\n3) Often\n4) Always'
      : '① 전혀 아니다\n② 아니다\n③ 그렇다\n④ 매우 그렇다';
    const lead = english
      ? 'Read the sentence, then choose the answer closest to you:'
      : '다음 문장을 읽고, 자신과 가장 가까운 것을 고르세요.';
    // Every question text spans several lines; one was typed on Windows (CRLF inside the field).
    const lineBreak = index === 5 ? '\r\n' : '\n';
    const text = [lead, `"${stem}"`, choices].join('\n').replace(/\n/g, lineBreak);
    const hint = random.chance(0.25)
      ? english
        ? 'Answer honestly, please.'
        : '솔직하게, 빠짐없이 답하세요.'
      : '';
    rows.push([
      str(3000001 + index),
      str(PSY_ITEMS[index % 3]!.id),
      str(index + 1),
      text,
      hint,
      random.pick(['LIKERT4', 'LIKERT4', 'LIKERT4', 'YN']),
      yn(random, 0.2),
      timestampText(moment(random, SINCE, utc(2025, 4, 1))),
    ]);
  }
  return {
    file: 'AT_QUESTION_202508291510.csv',
    purpose:
      'RFC 4180 quoting: multi-line question texts (one with CRLF inside the field), commas and doubled quotes inside fields; catalogued with csv_catalog.quoted_line_breaks=true and a warning, as Athena reads such records split',
    header: [
      'question_id',
      'psy_item_id',
      'question_no',
      'question_text',
      'question_hint',
      'answer_type',
      'reverse_yn',
      'reg_date',
    ],
    rows,
  };
}

const SCALES = ['사회성', '자기조절', '학습동기', '정서안정', '진로성숙', '주의집중'];

function atScaleCode(): SampleTable {
  const random = new Random('AT_SCALE_CODE');
  const rows: string[][] = [];
  for (let index = 0; index < 24; index += 1) {
    const item = PSY_ITEMS[index % PSY_ITEMS.length]!;
    const scale = SCALES[index % SCALES.length]!;
    const max = random.pick([20, 40, 60, 100]);
    rows.push([
      `S${item.id}${String(index + 1).padStart(2, '0')}`,
      str(item.id),
      scale,
      `${item.name} - ${scale}`,
      '0',
      str(max),
      random.decimal(0.5, 1.5, 3),
      str(index + 1),
      yn(random, 0.9),
    ]);
  }
  return {
    file: 'AT_SCALE_CODE_202508291510.csv',
    purpose: 'Windows export: CRLF line endings; a small code table',
    header: [
      'scale_cd',
      'psy_item_id',
      'scale_name',
      'scale_desc',
      'min_score',
      'max_score',
      'weight',
      'sort_order',
      'use_yn',
    ],
    rows,
    layout: { eol: '\r\n' },
  };
}

function atUserScaleScore(): SampleTable {
  const random = new Random('AT_USER_SCALE_SCORE');
  const rows: string[][] = [];
  for (let index = 0; index < 120; index += 1) {
    const testing = 2025082900001 + Math.floor(index / 4);
    const raw = random.int(0, 60);
    rows.push([
      str(testing),
      `S${PSY_ITEMS[index % 3]!.id}${String((index % 6) + 1).padStart(2, '0')}`,
      str(raw),
      (raw / 0.6).toFixed(2),
      random.decimal(20, 80, 1),
      random.decimal(0, 100, 2),
      str(random.int(1, 9)),
      timestampText(moment(random, utc(2025, 8, 18), DUMPED)),
    ]);
  }
  return {
    file: 'AT_USER_SCALE_SCORE_202508291511.csv',
    purpose: 'doubles and bigints; the last record has no line ending after it',
    header: [
      'user_testing_no',
      'scale_cd',
      'raw_score',
      'converted_score',
      't_score',
      'percentile',
      'stanine',
      'reg_date',
    ],
    rows,
    layout: { finalNewline: false },
  };
}

function atUserTestingPaperPn(): SampleTable {
  const random = new Random('AT_USER_TESTING_PAPER_PN');
  const rows: string[][] = [];
  for (let index = 0; index < 160; index += 1) {
    rows.push([
      str(2025082900001 + Math.floor(index / 8)),
      str(3000001 + (index % 40)),
      str(random.int(1, 4)),
      str(random.int(800, 45_000)),
      random.chance(0.05) ? 'Y' : 'N',
      timestampText(moment(random, utc(2025, 8, 18), DUMPED)),
    ]);
  }
  return {
    file: 'AT_USER_TESTING_PAPER_PN_202508291511.csv',
    purpose: 'a five-word table name with a suffix (_pn) that must not be cut short',
    header: [
      'user_testing_no',
      'question_id',
      'answer_value',
      'response_ms',
      'skip_yn',
      'reg_date',
    ],
    rows,
  };
}

function member(world: World): SampleTable {
  const random = new Random('MEMBER');
  const rows = world.members.map((m) => {
    const registered = moment(random, utc(2024, 3, 1), utc(2025, 8, 1));
    const modified = random.chance(0.4) ? timestampText(moment(random, registered, DUMPED)) : '';
    const home = `${world.schools
      .find((s) => s.code === m.schoolCode)!
      .address.split(' ')
      .slice(0, 2)
      .join(' ')} ${random.int(1, 300)}번길 ${random.int(1, 40)}`;
    return [
      str(m.no),
      m.id,
      m.name,
      m.sex,
      m.birthday,
      m.type,
      m.schoolCode,
      `010-${random.int(1000, 9999)}-${random.int(1000, 9999)}`,
      `${m.id}@example.kr`,
      random.chance(0.25) ? `${home}, ${random.int(101, 120)}동 ${random.int(101, 1504)}호` : home,
      yn(random, 0.95),
      timestampText(registered),
      modified,
    ];
  });
  return {
    file: 'MEMBER_202508291511.csv',
    purpose:
      'CP949 (Korean Windows export, not valid UTF-8): Korean names and addresses under an ASCII header; one name uses 똠 (UHC only, not in strict EUC-KR)',
    header: [
      'member_no',
      'member_id',
      'name',
      'sex',
      'birthday',
      'member_type',
      'school_code',
      'phone',
      'email',
      'address',
      'use_yn',
      'reg_date',
      'mod_date',
    ],
    rows,
    encoding: 'cp949',
  };
}

function psyOrd(world: World): SampleTable {
  const random = new Random('PSY_ORD');
  const rows: string[][] = [];
  for (let index = 0; index < 20; index += 1) {
    const school = world.schools[index % 8]!;
    const item = PSY_ITEMS[index % PSY_ITEMS.length]!;
    const ordered = moment(random, utc(2025, 6, 1), utc(2025, 8, 20));
    rows.push([
      str(2025060001 + index),
      school.code,
      `2025학년도 ${school.name} ${item.name}`,
      str(item.id),
      timestampText(ordered),
      str(random.int(20, 180)),
      random.decimal(3000, 12000, 0).concat('.00'),
      random.pick(['ORDERED', 'TESTING', 'DONE', 'DONE']),
      timestampText(ordered + random.int(0, 3600_000)),
    ]);
  }
  return {
    file: 'PSY_ORD_202508291511.csv',
    purpose:
      'two-word table name that shares its first words with PSY_ORD_CLASS (the old regex put both in psy_ord/)',
    header: [
      'psy_ord_no',
      'school_code',
      'ord_name',
      'psy_item_id',
      'ord_date',
      'target_count',
      'unit_price',
      'ord_status',
      'reg_date',
    ],
    rows,
  };
}

function psyOrdClass(world: World): SampleTable {
  const random = new Random('PSY_ORD_CLASS');
  const rows: string[][] = [];
  for (let index = 0; index < 60; index += 1) {
    const schoolClass = world.classes[index % world.classes.length]!;
    const targets = random.int(18, 32);
    const done = random.int(0, targets);
    rows.push([
      str(202506000101 + index),
      str(2025060001 + (index % 20)),
      schoolClass.schoolCode,
      str(schoolClass.grade),
      str(schoolClass.classNo),
      `${schoolClass.grade}학년 ${schoolClass.classNo}반`,
      str(targets),
      str(done),
      (done / targets).toFixed(4),
      done === 0 ? '' : random.decimal(40, 95, 2),
      timestampText(moment(random, utc(2025, 6, 1), DUMPED)),
      random.chance(0.5) ? timestampText(moment(random, utc(2025, 8, 20), DUMPED)) : '',
    ]);
  }
  return {
    file: 'PSY_ORD_CLASS_202508291511.csv',
    purpose:
      'three-word table name; bigint ids, doubles (rates, averages), timestamps, empty cells',
    header: [
      'psy_ord_class_no',
      'psy_ord_no',
      'school_code',
      'grade',
      'class_no',
      'class_name',
      'target_count',
      'complete_count',
      'complete_rate',
      'avg_score',
      'reg_date',
      'mod_date',
    ],
    rows,
  };
}

function psyTargetDetail(world: World): SampleTable {
  const random = new Random('PSY_TARGET_DETAIL');
  const rows: string[][] = [];
  for (let index = 0; index < 150; index += 1) {
    const student = world.students[index % world.students.length]!;
    const status = random.pick(['READY', 'TESTING', 'DONE', 'DONE', 'DONE']);
    const started = moment(random, utc(2025, 8, 18), DUMPED);
    const done = status === 'DONE';
    rows.push([
      str(20250829000001 + index),
      str(202506000101 + (index % 60)),
      str(student.no),
      str(PSY_ITEMS[index % PSY_ITEMS.length]!.id),
      status,
      done ? random.decimal(0, 100, 2) : '',
      done ? random.decimal(0, 100, 1) : '',
      status === 'READY' ? '' : timestampText(started, true),
      done ? timestampText(started + random.int(300_000, 2_400_000), true) : '',
    ]);
  }
  return {
    file: 'PSY_TARGET_DETAIL_202508291511.csv',
    purpose:
      'three-word table name; bigint ids, doubles, timestamps with milliseconds, empty cells',
    header: [
      'psy_target_detail_no',
      'psy_ord_class_no',
      'member_no',
      'psy_item_id',
      'testing_status',
      'score',
      'percentile',
      'start_date',
      'end_date',
    ],
    rows,
  };
}

const SCHOOL_CLASS_HEADER = [
  'school_code',
  'grade',
  'class_no',
  'class_name',
  'homeroom_member_no',
  'student_count',
  'use_yn',
  'reg_date',
  'mod_date',
];

function schoolClass(world: World): SampleTable[] {
  const random = new Random('SCHOOL_CLASS');
  const first = world.classes.map((c, index) => [
    c.schoolCode,
    str(c.grade),
    str(c.classNo),
    `${c.grade}학년 ${c.classNo}반`,
    str(world.teachers[index % world.teachers.length]!.no),
    str(random.int(18, 32)),
    'Y',
    timestampText(moment(random, utc(2025, 2, 20), SINCE)),
    '',
  ]);
  // The next day's dump: a few counts changed, two classes added, and a new last column.
  const later = new Random('SCHOOL_CLASS@202508301000');
  const changed = utc(2025, 8, 30, 9, 30);
  const second = first.map((row, index) => {
    const next = [...row];
    if (later.chance(0.2)) {
      next[5] = str(Number(row[5]) + later.pick([-1, 1, 2]));
      next[8] = timestampText(moment(later, DUMPED, changed));
    }
    next.push(index % 5 === 0 ? 'SPECIAL' : 'REGULAR');
    return next;
  });
  const school = world.schools[0]!;
  for (const grade of [1, 2]) {
    second.push([
      school.code,
      str(grade),
      '3',
      `${grade}학년 3반`,
      str(world.teachers[20 + grade]!.no),
      str(later.int(18, 32)),
      'Y',
      timestampText(moment(later, DUMPED, changed)),
      '',
      'REGULAR',
    ]);
  }
  return [
    {
      file: 'SCHOOL_CLASS_202508291511.csv',
      purpose: 'first snapshot of school_class',
      header: SCHOOL_CLASS_HEADER,
      rows: first,
    },
    {
      file: 'SCHOOL_CLASS_202508301000.csv',
      purpose:
        'newer snapshot of school_class: one column (class_type) added at the end, some rows changed, two added',
      header: [...SCHOOL_CLASS_HEADER, 'class_type'],
      rows: second,
    },
  ];
}

function schoolInfo(world: World): SampleTable {
  const random = new Random('SCHOOL_INFO');
  const rows = world.schools.map((s) => [
    s.code,
    s.name,
    s.typeCd,
    s.regionCd,
    s.address,
    s.tel,
    str(random.int(180, 1400)),
    random.decimal(35.0, 37.7, 6),
    random.decimal(126.7, 129.2, 6),
    yn(random, 0.95),
    timestampText(moment(random, utc(2024, 1, 1), SINCE)),
  ]);
  return {
    file: 'SCHOOL_INFO_202508291512.csv',
    purpose:
      'UTF-8 with a byte-order mark (EF BB BF); Korean school names, quoted addresses with commas',
    header: [
      'school_code',
      'school_name',
      'school_type_cd',
      'region_cd',
      'address',
      'tel',
      'student_count',
      'latitude',
      'longitude',
      'use_yn',
      'reg_date',
    ],
    rows,
    bom: true,
  };
}

function schoolStudent(world: World): SampleTable {
  const random = new Random('SCHOOL_STUDENT');
  const rows = world.students.map((m, index) => [
    m.schoolCode,
    str(m.no),
    str(random.int(1, 3)),
    str(random.int(1, 2)),
    str((index % 30) + 1),
    yn(random, 0.95),
    timestampText(moment(random, utc(2025, 2, 20), SINCE)),
  ]);
  return {
    file: 'SCHOOL_STUDENT_202508291512.csv',
    purpose: 'Windows export: CRLF line endings',
    header: ['school_code', 'member_no', 'grade', 'class_no', 'student_no', 'use_yn', 'reg_date'],
    rows,
    layout: { eol: '\r\n' },
  };
}

/** The columns the team renamed by hand after the crawler named them col0…col7. */
export const SCHOOL_TEACHER_HEADER = [
  'school_code',
  'member_no',
  'use_yn',
  'memo',
  'reg_member_no',
  'reg_date',
  'mod_member_no',
  'mod_date',
];

/**
 * Every value is text to Glue: codes with letters (SC0001, M1000121), Y/N (not true/false),
 * free text, and dates written `2025/08/29 15:12` (no dashes, no seconds: not a timestamp).
 * With no column below the header other than STRING, the built-in CSV classifier cannot tell
 * the header from data and names the columns col0…col7: the case the team fixed by hand.
 */
function schoolTeacher(world: World): SampleTable {
  const random = new Random('SCHOOL_TEACHER');
  const admin = 'M0000001';
  const rows = world.teachers.map((t) => {
    const registered = moment(random, utc(2025, 2, 20), SINCE);
    const modified = random.chance(0.4);
    return [
      t.schoolCode,
      `M${String(t.no).padStart(7, '0')}`,
      yn(random, 0.9),
      t.memo || (random.chance(0.5) ? `${koreanName(random)} 선생님 후임` : ''),
      admin,
      slashDateText(registered),
      modified ? random.pick([admin, 'M0000002']) : '',
      modified ? slashDateText(moment(random, registered, DUMPED)) : '',
    ];
  });
  return {
    file: 'SCHOOL_TEACHER_202508291512.csv',
    purpose:
      'all-string values (codes, Y/N, text, dates as 2025/08/29 15:12): the built-in classifier misses the header and names columns col0…col7',
    header: SCHOOL_TEACHER_HEADER,
    rows,
  };
}
