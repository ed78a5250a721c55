import { describe, expect, it } from 'vitest';
import { formatDuration, formatElapsed, statusLabel } from '../../../local/console/web/format.js';

describe('how the console writes durations and statuses', () => {
  it('writes durations in seconds under a minute, then minutes, then hours', () => {
    // Prepare
    const durations = [0, 400, 12_345, 59_999, 60_000, 185_000, 3_600_000, 3_725_000];

    // Act
    const written = durations.map(formatDuration);

    // Assess
    expect(written).toEqual([
      '0.0s',
      '0.4s',
      '12.3s',
      '1m 00s',
      '1m 00s',
      '3m 05s',
      '1h 00m',
      '1h 02m',
    ]);
    expect(formatDuration(-1)).toBe('');
    expect(formatElapsed(1234)).toBe('+1.234s');
  });

  it('writes every status as a word, and an unknown one as it is (never from Object.prototype)', () => {
    // Act
    const labels = ['TIMED_OUT', 'NOT_RUN', 'REFUSED', 'constructor', 'toString'].map(statusLabel);

    // Assess
    expect(labels).toEqual(['Timed out', 'Not run', 'Refused', 'constructor', 'toString']);
  });
});
