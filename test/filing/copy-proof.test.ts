import { describe, expect, it } from 'vitest';
import { copyProvenWhole } from '../../shared/filing/copy-proof.js';
import { ListedKeys } from '../../shared/filing/listed-keys.js';

describe('a copy proven whole by its ETag', () => {
  it.each([
    [
      'the same MD5, quoted or not',
      { eTag: '"9b2cf535f27731c974343645a3985328"' },
      '9b2cf535f27731c974343645a3985328',
      true,
    ],
    [
      'another ETag (SSE-KMS, bytes missing)',
      { eTag: '"0f1e2d3c"' },
      '"9b2cf535f27731c974343645a3985328"',
      false,
    ],
    [
      'a multipart source',
      { eTag: '"9b2cf535f27731c974343645a3985328"' },
      '"9b2cf535f27731c9-3"',
      false,
    ],
    ['a store that said nothing', {}, '"9b2cf535f27731c974343645a3985328"', false],
    ['a source of unknown ETag', { eTag: '"9b2c"' }, undefined, false],
  ])('%s', (_case, copied, sourceETag, proven) => {
    // Act
    const result = copyProvenWhole(copied, sourceETag);

    // Assess
    expect(result).toBe(proven);
  });
});

describe('keys a listing showed free', () => {
  it('are free only under a listed folder, and never once another writer may take them', () => {
    // Prepare
    const listed = new ListedKeys()
      .add('학교목록/', [{ key: '학교목록/학교목록_20250101.csv', size: 1 }])
      .add('_archive/학교목록/', []);
    listed.mayExist('_archive/학교목록/학교목록_20250101.csv');

    // Act
    const answers = [
      '학교목록/학교목록_20250301.csv',
      '학교목록/학교목록_20250101.csv',
      '_archive/학교목록/학교목록_20250301.csv',
      '_archive/학교목록/학교목록_20250101.csv',
      '_raw/학교목록/학교목록_20250301.csv',
    ].map((key) => listed.absent(key));

    // Assess
    expect(answers).toEqual([true, false, true, false, false]);
  });
});
