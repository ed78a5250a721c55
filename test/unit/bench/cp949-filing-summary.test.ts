import { describe, expect, it } from 'vitest';
import { summaryRows } from '../../../bench/bench-summary.js';

describe('the CP949 filing row of npm run bench', () => {
  it('shows the filing against iconv, its RSS, whether the bytes match and the aim', () => {
    // Prepare
    const entry = {
      inputMb: 1000.1,
      iconv: { seconds: 5.04 },
      filing: { seconds: 18.2, peakRssMb: 214, sameBytesAsIconv: true },
      ratio: 3.61,
      aimMet: true,
    };

    // Act
    const rows = summaryRows({ cp949Filing: entry });

    // Assess
    expect(rows).toEqual([
      {
        measurement: 'filing a 1,000 MB CP949 file (event path)',
        figure: '18.2 s, peak RSS 214 MB, same bytes as iconv: yes',
        baseline: 'iconv 5 s',
        ratio: '3.61×',
        aim: '≤ 4× iconv, RSS < 256 MB',
        met: 'yes',
      },
    ]);
  });

  it('says what it could not read rather than failing the table', () => {
    // Prepare
    const entry = { inputMb: 50, ratio: 6.87, aimMet: false };

    // Act
    const [row] = summaryRows({ cp949Filing: entry });

    // Assess
    expect(row?.figure).toBe('?, peak RSS ?, same bytes as iconv: ?');
    expect(row?.met).toBe('NO');
  });
});
