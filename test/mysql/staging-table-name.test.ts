import { describe, expect, it } from 'vitest';
import {
  MAX_FILE_NAME_BYTES,
  MAX_IDENTIFIER_LENGTH,
  mysqlFileNameBytes,
} from '../../shared/mysql/quote-identifier.js';
import { companionTableName } from '../../shared/mysql/staging-table-name.js';

describe('companionTableName', () => {
  it('is deterministic, distinct per role and within MySQL name limits for long Korean names', () => {
    // Prepare
    const long = '학'.repeat(50);
    const other = `${'학'.repeat(49)}교`;

    // Act
    const stage = companionTableName(long, 'load');
    const names = [stage, companionTableName(long, 'old'), companionTableName(other, 'load')];

    // Assess
    expect(companionTableName(long, 'load')).toBe(stage);
    expect(new Set(names).size).toBe(3);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(MAX_IDENTIFIER_LENGTH);
      expect(mysqlFileNameBytes(name)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES.table);
    }
    expect(companionTableName('school', 'load')).toMatch(/^school__load_[0-9a-f]{8}$/);
  });

  it('names each load of one table apart (key and snapshot), and the same load alike', () => {
    // Prepare
    const long = '학'.repeat(60);

    // Act
    const first = companionTableName(long, 'load', 'a.csv\0etag-1');
    const again = companionTableName(long, 'load', 'a.csv\0etag-1');
    const other = companionTableName(long, 'load', 'a.csv\0etag-2');

    // Assess
    expect(again).toBe(first);
    expect(other).not.toBe(first);
    expect(first).not.toBe(companionTableName(long, 'load'));
    for (const name of [first, other]) {
      expect(name.length).toBeLessThanOrEqual(MAX_IDENTIFIER_LENGTH);
      expect(mysqlFileNameBytes(name)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES.table);
    }
  });
});
