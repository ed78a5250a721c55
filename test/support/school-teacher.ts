/** The school_teacher columns of the team's manual list (samples/README.md): the header Glue misses. */
export const TEACHER_COLUMNS = [
  'school_code',
  'member_no',
  'use_yn',
  'memo',
  'reg_member_no',
  'reg_date',
  'mod_member_no',
  'mod_date',
];
