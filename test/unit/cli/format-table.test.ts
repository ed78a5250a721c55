import stringWidth from 'string-width';
import { expect, it } from 'vitest';
import { formatTable } from '../../../cli/format-table.js';

it('aligns columns after Korean cells by their width on a terminal', () => {
  // Prepare: Hangul takes two terminal columns per syllable, Latin one
  const rows = [
    ['학생', 'SUCCEEDED'],
    ['school_teacher', 'FAILED'],
  ];

  // Act
  const lines = formatTable(['TABLE', 'STATUS'], rows).split('\n');

  // Assess: the status column starts at the same terminal column on every line
  const starts = lines.map((line) => {
    const status = line.search(/STATUS|SUCCEEDED|FAILED|-{6,}$/);
    return stringWidth(line.slice(0, status));
  });
  expect(new Set(starts).size).toBe(1);
  expect(lines[2]).toBe(`학생${' '.repeat(14 - 4)}  SUCCEEDED`);
});
