import { koreanName, MEMOS, REGIONS, SCHOOL_WORDS, STREETS } from './korean.js';
import { Random } from './random.js';
import { dateText, moment, utc } from './time-text.js';

/** The schools, people and classes that the sample tables share, so their keys join up. */
export interface School {
  code: string;
  name: string;
  typeCd: 'E' | 'M' | 'H';
  regionCd: string;
  address: string;
  tel: string;
}

export interface Member {
  no: number;
  id: string;
  name: string;
  sex: 'M' | 'F';
  birthday: string;
  type: 'STUDENT' | 'TEACHER';
  schoolCode: string;
  memo: string;
}

export interface SchoolClass {
  schoolCode: string;
  grade: number;
  classNo: number;
}

export interface World {
  schools: School[];
  members: Member[];
  students: Member[];
  teachers: Member[];
  classes: SchoolClass[];
}

const SCHOOL_TYPES = [
  { cd: 'E', suffix: '초등학교' },
  { cd: 'M', suffix: '중학교' },
  { cd: 'H', suffix: '고등학교' },
] as const;

export const SCHOOL_COUNT = 24;
export const STUDENT_COUNT = 120;
export const TEACHER_COUNT = 30;
export const FIRST_MEMBER_NO = 1_000_001;

/** Age in 2025 (Korean school years start in March; close enough for samples). */
export function ageIn2025(birthday: string | number): number {
  const year =
    typeof birthday === 'number'
      ? new Date(birthday).getUTCFullYear()
      : Number(birthday.slice(0, 4));
  return 2025 - year;
}

/** Elementary up to 12, middle school to 15, high school after; teachers get any school. */
function schoolTypeFor(born: number): School['typeCd'] {
  const age = ageIn2025(born);
  return age <= 12 ? 'E' : age <= 15 ? 'M' : 'H';
}

export function makeWorld(): World {
  const random = new Random('world');
  const schools: School[] = [];
  const usedNames = new Set<string>();
  for (let index = 0; index < SCHOOL_COUNT; index += 1) {
    const region = random.pick(REGIONS);
    const type = SCHOOL_TYPES[index % SCHOOL_TYPES.length]!;
    let name = `${region.short}${random.pick(SCHOOL_WORDS)}${type.suffix}`;
    while (usedNames.has(name)) name = `${region.short}제${usedNames.size}${type.suffix}`;
    usedNames.add(name);
    const street = `${random.pick(STREETS)} ${random.int(1, 480)}`;
    // Some addresses carry a comma, so their field needs quoting.
    const tail = random.chance(0.3) ? `, ${random.int(1, 5)}층` : '';
    schools.push({
      code: `SC${String(index + 1).padStart(4, '0')}`,
      name,
      typeCd: type.cd,
      regionCd: region.code,
      address: `${region.name} ${random.pick(region.districts)} ${street}${tail}`,
      tel: `${region.areaCode}-${random.int(200, 999)}-${String(random.int(0, 9999)).padStart(4, '0')}`,
    });
  }

  const members: Member[] = [];
  for (let index = 0; index < STUDENT_COUNT + TEACHER_COUNT; index += 1) {
    const teacher = index >= STUDENT_COUNT;
    const no = FIRST_MEMBER_NO + index;
    const born = teacher
      ? moment(random, utc(1965, 1, 1), utc(1998, 12, 31))
      : moment(random, utc(2008, 3, 1), utc(2018, 2, 28));
    members.push({
      no,
      id: `${teacher ? 'tch' : 'std'}${String(no).slice(-4)}`,
      name: koreanName(random),
      sex: random.chance(0.5) ? 'M' : 'F',
      birthday: dateText(born),
      type: teacher ? 'TEACHER' : 'STUDENT',
      schoolCode: random.pick(
        teacher
          ? schools.slice(0, 8)
          : schools.slice(0, 8).filter((s) => s.typeCd === schoolTypeFor(born)),
      ).code,
      memo: teacher ? random.pick(MEMOS) : '',
    });
  }
  // One given name uses 똠, a syllable that CP949 (UHC) has and strict EUC-KR (KS X 1001) lacks.
  members[7]!.name = '박똠이';

  const classes: SchoolClass[] = [];
  for (const school of schools.slice(0, 6)) {
    for (let grade = 1; grade <= 3; grade += 1) {
      for (let classNo = 1; classNo <= 2; classNo += 1) {
        classes.push({ schoolCode: school.code, grade, classNo });
      }
    }
  }

  return {
    schools,
    members,
    students: members.filter((member) => member.type === 'STUDENT'),
    teachers: members.filter((member) => member.type === 'TEACHER'),
    classes,
  };
}
