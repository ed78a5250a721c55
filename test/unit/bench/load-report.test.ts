import { describe, expect, it } from 'vitest';
import { fileFigures, methodFigures } from '../../../bench/load-report.js';

describe('bench:load figures', () => {
  it('takes the ratios of rows/s and checks each aim on its own', () => {
    // Prepare
    const file = { file: '학교_202511300000.csv', rows: 1000, columns: 10, bytes: 2 * 1024 ** 2 };
    const loader = methodFigures({ rows: 1000, seconds: 1.25, peakRssMb: 300 });
    const cli = methodFigures({ rows: 1000, seconds: 1, peakRssMb: 10 });
    const inserts = methodFigures({ rows: 1000, seconds: 5, peakRssMb: undefined });

    // Act
    const figures = fileFigures(file, { loader, cli, inserts });

    // Assess
    expect(figures.megabytes).toBe(2);
    expect(figures.methods.inserts).toMatchObject({ rowsPerSecond: 200, peakRssMb: null });
    expect(figures.ratios).toEqual({ aOverB: 0.8, aOverC: 4 });
    expect(figures.aims).toEqual({
      aOverB: { aim: '>= 0.8', met: true },
      aOverC: { aim: '>= 5', met: false },
      loaderRss: { aim: '< 256 MB', met: false },
    });
  });
});
