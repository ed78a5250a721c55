import { describe, expect, it } from 'vitest';
import { RdsSchemaInvalid } from '../../shared/errors.js';
import { quoteIdentifier, quoteQualified } from '../../shared/mysql/quote-identifier.js';

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
