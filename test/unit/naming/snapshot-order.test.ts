import { describe, expect, it } from 'vitest';
import {
  compareSnapshotFiles,
  compareSnapshotStamps,
  newestFile,
  ruleBetween,
  snapshotOfLastModified,
} from '../../../shared/naming/snapshot-order.js';

describe('the snapshot order', () => {
  it('orders a date before any time on that day and times in order', () => {
    // Act
    const sorted = ['202508291511', '20250829', '20250828235959', '202508291510'].sort(
      compareSnapshotStamps,
    );

    // Assess
    expect(sorted).toEqual(['20250828235959', '20250829', '202508291510', '202508291511']);
  });

  it('breaks a tie of the snapshot by LastModified, then by key', () => {
    // Prepare
    const second = new Date('2025-09-01T10:00:01Z');
    const files = [
      { key: 't/T_2025-09-01.csv', snapshot: '20250901', lastModified: second },
      { key: 't/T_202509010000.csv', snapshot: '202509010000', lastModified: second },
      {
        key: 't/T_20250901.csv',
        snapshot: '20250901',
        lastModified: new Date('2025-09-01T10:00:00Z'),
      },
    ];

    // Act
    const orders = [files, [...files].reverse(), [files[1]!, files[2]!, files[0]!]].map((list) =>
      [...list].sort(compareSnapshotFiles).map((f) => f.key),
    );

    // Assess
    for (const order of orders) {
      expect(order).toEqual(['t/T_20250901.csv', 't/T_2025-09-01.csv', 't/T_202509010000.csv']);
    }
    expect(newestFile(files)?.key).toBe('t/T_202509010000.csv');
    expect(ruleBetween(files[2]!, files[0]!)).toBe('lastModified');
    expect(ruleBetween(files[0]!, files[1]!)).toBe('key');
    expect(ruleBetween(files[0]!, files[0]!)).toBeUndefined();
  });

  it('gives a file without a snapshot its LastModified as 14 digits', () => {
    // Act
    const stamp = snapshotOfLastModified(new Date('2025-09-01T10:20:30.456Z'));

    // Assess
    expect(stamp).toBe('20250901102030');
  });
});
