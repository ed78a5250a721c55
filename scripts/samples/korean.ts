import type { Random } from './random.js';

const SURNAMES = [
  '김',
  '이',
  '박',
  '최',
  '정',
  '강',
  '조',
  '윤',
  '장',
  '임',
  '한',
  '오',
  '서',
  '신',
];
const GIVEN_NAMES = [
  '민준',
  '서준',
  '도윤',
  '예준',
  '시우',
  '하준',
  '주원',
  '지호',
  '준우',
  '서연',
  '서윤',
  '지우',
  '서현',
  '민서',
  '하은',
  '하윤',
  '윤서',
  '지유',
  '지민',
  '채원',
  '수아',
  '다은',
  '은서',
  '예린',
];

/** A Korean full name such as 김민준. */
export function koreanName(random: Random): string {
  return random.pick(SURNAMES) + random.pick(GIVEN_NAMES);
}

export const REGIONS = [
  {
    code: '11',
    areaCode: '02',
    name: '서울특별시',
    short: '서울',
    districts: ['강남구', '마포구', '노원구'],
  },
  {
    code: '26',
    areaCode: '051',
    name: '부산광역시',
    short: '부산',
    districts: ['해운대구', '동래구'],
  },
  {
    code: '27',
    areaCode: '053',
    name: '대구광역시',
    short: '대구',
    districts: ['수성구', '달서구'],
  },
  { code: '29', areaCode: '062', name: '광주광역시', short: '광주', districts: ['북구', '광산구'] },
  { code: '30', areaCode: '042', name: '대전광역시', short: '대전', districts: ['유성구', '서구'] },
  {
    code: '41',
    areaCode: '031',
    name: '경기도',
    short: '경기',
    districts: ['성남시 분당구', '수원시 영통구'],
  },
] as const;

export const SCHOOL_WORDS = [
  '한빛',
  '새솔',
  '푸른',
  '가온',
  '은하',
  '다솜',
  '누리',
  '미래',
  '햇살',
];

export const STREETS = ['테헤란로', '월드컵로', '중앙대로', '달구벌대로', '대학로', '판교역로'];

/** Free-text remarks the way staff type them: Korean, English, or both, sometimes with commas. */
export const MEMOS = [
  '담임',
  '부담임',
  '교무부장, 3학년 담당',
  'Homeroom teacher',
  'on leave until 2025/09/30',
  '상담 교사 (Wee클래스)',
  'transfer from SC0003',
  '정보 교과, 방과후 코딩반',
  '',
];
