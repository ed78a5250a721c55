import { describe, expect, it } from 'vitest';
import { RdsSchemaInvalid } from '../../shared/errors.js';
import {
  mysqlFileNameBytes,
  quoteIdentifier,
  quoteQualified,
} from '../../shared/mysql/quote-identifier.js';

describe('quoteIdentifier', () => {
  it.each([
    ['plain', 'member_no', '`member_no`'],
    ['a backtick', 'a`b', '`a``b`'],
    ['only backticks', '``', '``````'],
    ['a trailing backtick', 'x`', '`x```'],
    ['quotes', `it's "quoted"`, `\`it's "quoted"\``],
    ['an injection attempt', '; DROP TABLE x; --', '`; DROP TABLE x; --`'],
    ['a backtick breakout attempt', 'a` INT); DROP TABLE x; --', '`a`` INT); DROP TABLE x; --`'],
    ['reserved word order', 'order', '`order`'],
    ['reserved word group', 'group', '`group`'],
    ['reserved word key', 'key', '`key`'],
    ['Korean', '학교_코드', '`학교_코드`'],
    ['a leading space', ' lead', '` lead`'],
    ['a backslash', 'a\\b', '`a\\b`'],
    ['a newline', 'a\nb', '`a\nb`'],
    ['64 characters', 'x'.repeat(64), `\`${'x'.repeat(64)}\``],
    ['64 Korean characters', '가'.repeat(64), `\`${'가'.repeat(64)}\``],
  ])('quotes a name with %s', (_case, name, expected) => {
    // Act
    const quoted = quoteIdentifier(name);

    // Assess
    expect(quoted).toBe(expected);
    // Unquoting gives the name back: nothing escapes the backticks.
    expect(quoted.slice(1, -1).replaceAll('``', '`')).toBe(name);
  });

  it.each([
    ['empty', '', /is empty/],
    ['65 characters', 'x'.repeat(65), /65 characters long; MySQL allows 64/],
    ['a NUL', 'a\0b', /NUL/],
    ['a trailing space', 'name ', /ends with a space/],
    ['only spaces', '   ', /ends with a space/],
    ['an emoji', 'smile😀', /outside the BMP/],
    ['an unpaired surrogate', 'a\uD800', /unpaired surrogate/],
  ])('rejects a name that is %s', (_case, name, message) => {
    // Act
    const act = () => quoteIdentifier(name, 'table');

    // Assess
    expect(act).toThrow(RdsSchemaInvalid);
    expect(act).toThrow(message);
    expect(act).toThrow(/^table name /);
  });

  it('quotes database and table of a qualified name', () => {
    // Act
    const qualified = quoteQualified('csv`catalog', 'order');

    // Assess
    expect(qualified).toBe('`csv``catalog`.`order`');
  });
});

describe('table names within MySQL file names', () => {
  it.each([
    ['학교목록', 20],
    ['school_teacher', 14],
    ['é', 3],
    ['$-', 10],
    ['학'.repeat(50), 250],
  ])('counts %j as %i bytes', (name, bytes) => {
    // Act
    const counted = mysqlFileNameBytes(name);

    // Assess
    expect(counted).toBe(bytes);
  });

  it.each(['학'.repeat(50), `a${'학'.repeat(50)}`, 'é'.repeat(64), 'x'.repeat(64)])(
    'takes the table name %s',
    (name) => {
      // Act
      const quoted = quoteIdentifier(name, 'table');

      // Assess
      expect(quoted).toBe(`\`${name}\``);
    },
  );

  it('refuses a table name of 51 Korean characters, saying how many fit, but not such a column', () => {
    // Prepare
    const name = '학'.repeat(51);

    // Act
    const table = () => quoteIdentifier(name, 'table');
    const column = () => quoteIdentifier(name, 'column');

    // Assess
    expect(table).toThrow(RdsSchemaInvalid);
    expect(table).toThrow(
      /takes 255 bytes as a MySQL file name, which allows 251: .*at most 50 Korean characters/,
    );
    expect(column()).toBe(`\`${name}\``);
  });
});
