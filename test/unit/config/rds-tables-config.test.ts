import { describe, expect, it } from 'vitest';
import { defaultConfig, parseConfig } from '../../../shared/config/load-config.js';
import { ownEntry } from '../../../shared/config/own-entry.js';
import { ConfigError } from '../../../shared/errors.js';

describe('rds.tables and rds.lockWaitSeconds in config', () => {
  it('defaults to a 10-second lock wait and no per-table settings', () => {
    // Act
    const config = defaultConfig();

    // Assess
    expect(config.rds).toMatchObject({ lockWaitSeconds: 10, tables: {} });
  });

  it('reads a column subset and the JSON overflow per table, Korean names included', () => {
    // Act
    const config = parseConfig({
      rds: {
        lockWaitSeconds: 3,
        tables: {
          검사_결과: { overflow: 'json' },
          school_info: { columns: ['school_code', '학교_이름'] },
        },
      },
    });

    // Assess
    expect(config.rds.lockWaitSeconds).toBe(3);
    expect(ownEntry(config.rds.tables, '검사_결과')).toEqual({ overflow: 'json' });
    expect(ownEntry(config.rds.tables, 'school_info')?.columns).toEqual([
      'school_code',
      '학교_이름',
    ]);
    expect(ownEntry(config.rds.tables, 'constructor')).toBeUndefined();
  });

  it.each([
    [
      'an overflow other than json',
      { tables: { t: { overflow: 'text' } } },
      /rds\.tables\.t\.overflow/,
    ],
    ['a column listed twice', { tables: { t: { columns: ['a', 'a'] } } }, /lists a column twice/],
    ['an empty column list', { tables: { t: { columns: [] } } }, /rds\.tables\.t\.columns/],
    ['a lock wait of 0', { lockWaitSeconds: 0 }, /rds\.lockWaitSeconds/],
    ['a lock wait past the Lambda', { lockWaitSeconds: 600 }, /rds\.lockWaitSeconds/],
  ])('refuses %s, naming the field', (_case, rds, message) => {
    // Act
    const act = () => parseConfig({ rds }, 'csv-catalog.yml');

    // Assess
    expect(act).toThrow(ConfigError);
    expect(act).toThrow(message);
  });
});
