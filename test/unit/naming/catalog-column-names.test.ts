import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { catalogColumnNames } from '../../../shared/naming/catalog-column-names.js';
import { isCatalogName } from '../../../shared/naming/catalog-name.js';

/** A header line as a Korean Windows tool writes it, read back the way filing decodes it. */
function cp949Header(line: string): string[] {
  return iconv.decode(iconv.encode(line, 'cp949'), 'cp949').split(',');
}

describe('catalogColumnNames', () => {
  it('lower-cases and replaces runs of other characters with _', () => {
    // Act
    const names = catalogColumnNames(['School Code', 'MEMBER_NO', 'reg-date (utc)', '  memo  ']);

    // Assess
    expect(names).toEqual(['school_code', 'member_no', 'reg_date_utc', 'memo']);
  });

  it('keeps Korean headers as they are', () => {
    // Act
    const names = catalogColumnNames(['학번', '이름', '비고']);

    // Assess
    expect(names).toEqual(['학번', '이름', '비고']);
  });

  it('keeps the Korean of a mixed cell: 학교 code → 학교_code', () => {
    // Act
    const names = catalogColumnNames(['id', '', '이름', '학교 code', '!!!']);

    // Assess
    expect(names).toEqual(['id', 'col1', '이름', '학교_code', 'col4']);
  });

  it('names a CP949 header after its Korean text', () => {
    // Prepare
    const header = cp949Header('회원 번호,이름,가입일(YYYY-MM-DD),주소/우편번호');

    // Act
    const names = catalogColumnNames(header);

    // Assess
    expect(names).toEqual(['회원_번호', '이름', '가입일_yyyy_mm_dd', '주소_우편번호']);
  });

  it('composes decomposed Hangul (NFD, as macOS writes it) into the same name', () => {
    // Act
    const names = catalogColumnNames(['학번'.normalize('NFD'), '이름'.normalize('NFD')]);

    // Assess
    expect(names).toEqual(['학번', '이름']);
  });

  it('keeps letters and digits of every script, lower-cased where the script has case', () => {
    // Act
    const names = catalogColumnNames(['Größe', 'ÉTAT', 'Имя', '名前', 'اسم', 'Ñame №2', '٣']);

    // Assess
    expect(names).toEqual(['größe', 'état', 'имя', '名前', 'اسم', 'ñame_2', '٣']);
  });

  it('gives exactly one name per cell for blank and repeated cells: id,,Id,ID,,note', () => {
    // Act
    const names = catalogColumnNames(['id', '', 'Id', 'ID', '', 'note']);

    // Assess
    expect(names).toEqual(['id', 'col1', 'id_2', 'id_3', 'col4', 'note']);
  });

  it('gives five names for Member No,E-mail,Reg Date,,Reg Date', () => {
    // Act
    const names = catalogColumnNames(['Member No', 'E-mail', 'Reg Date', '', 'Reg Date']);

    // Assess
    expect(names).toEqual(['member_no', 'e_mail', 'reg_date', 'col3', 'reg_date_2']);
  });

  it('makes duplicates unique without colliding with real names', () => {
    // Act
    const names = catalogColumnNames(['name', 'Name', 'NAME', 'name_2', '', 'col4']);

    // Assess
    expect(names).toEqual(['name', 'name_2', 'name_3', 'name_2_2', 'col4', 'col4_2']);
  });

  it('keeps 300-character names to 64 characters, unique', () => {
    // Prepare
    const latin = 'x'.repeat(300);
    const korean = '가'.repeat(300);

    // Act
    const names = catalogColumnNames([latin, `${latin}y`, korean, `${korean}나`]);

    // Assess
    expect(names).toEqual([
      'x'.repeat(64),
      `${'x'.repeat(62)}_2`,
      '가'.repeat(64),
      `${'가'.repeat(62)}_2`,
    ]);
  });

  it('drops emoji and other characters beyond the BMP, which MySQL cannot store in a name', () => {
    // Act
    const names = catalogColumnNames(['😀', 'score 😀', '❤️', '👍🏽 likes', '𠀀字']);

    // Assess
    expect(names).toEqual(['col0', 'score', 'col2', 'likes', '字']);
  });

  it('names JavaScript’s own property names like any other word', () => {
    // Act
    const names = catalogColumnNames([
      'constructor',
      '__proto__',
      'toString',
      'hasOwnProperty',
      'valueOf',
      'prototype',
    ]);

    // Assess
    expect(names).toEqual([
      'constructor',
      'proto',
      'tostring',
      'hasownproperty',
      'valueof',
      'prototype',
    ]);
  });

  it('keeps SQL keywords and hostile text to plain names', () => {
    // Act
    const names = catalogColumnNames(['a`b', "it's", 'x; DROP TABLE t; --', 'order', 'SELECT']);

    // Assess
    expect(names).toEqual(['a_b', 'it_s', 'x_drop_table_t', 'order', 'select']);
  });

  it('in ascii mode, names a cell with non-ASCII letters after its position', () => {
    // Act
    const names = catalogColumnNames(
      ['학번', 'code', '학교 code', 'ＩＤ', 'Größe', 'E-mail', ''],
      'ascii',
    );

    // Assess
    expect(names).toEqual(['col0', 'code', 'col2', 'id', 'col4', 'e_mail', 'col6']);
  });

  it('gives one distinct catalog name of at most 64 characters per cell, whatever the text', () => {
    // Prepare
    const cell = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.constantFrom('constructor', '__proto__', 'toString', 'select', '학번', '', ' '),
    );

    // Act / Assess
    fc.assert(
      fc.property(
        fc.array(cell, { maxLength: 30 }),
        fc.constantFrom('unicode', 'ascii'),
        (header, mode) => {
          const names = catalogColumnNames(header, mode as 'unicode' | 'ascii');
          expect(names).toHaveLength(header.length);
          expect(new Set(names).size).toBe(names.length);
          for (const name of names) {
            expect(isCatalogName(name), JSON.stringify(name)).toBe(true);
            if (mode === 'ascii') expect(name).toMatch(/^[a-z0-9_]+$/);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
