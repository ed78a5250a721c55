import { describe, expect, it } from 'vitest';
import {
  MAX_COLUMN_COMMENT_LENGTH,
  mysqlColumnComment,
} from '../../shared/mysql/column-comment.js';
import { quoteString } from '../../shared/mysql/quote-string.js';

describe('mysqlColumnComment', () => {
  it.each([
    [undefined, ''],
    ['', ''],
    ['학교 code', '학교 code'],
    ['  ', '  '],
    ['Reg Date 📅', 'Reg Date \\u{1F4C5}'],
    ['lone \uD800 surrogate', 'lone \uFFFD surrogate'],
  ])('stores %j as %j', (text, stored) => {
    // Act
    const comment = mysqlColumnComment(text);

    // Assess
    expect(comment).toBe(stored);
  });

  it('cuts a comment past 1,024 characters to 1,023 and an ellipsis', () => {
    // Prepare
    const long = `${'학'.repeat(1020)}😀😀`;

    // Act
    const comment = mysqlColumnComment(long);

    // Assess
    expect(comment).toHaveLength(MAX_COLUMN_COMMENT_LENGTH);
    expect(comment).toBe(`${'학'.repeat(1020)}\\u{…`);
  });

  it('keeps a comment of exactly 1,024 characters whole', () => {
    // Act
    const comment = mysqlColumnComment('a'.repeat(1024));

    // Assess
    expect(comment).toBe('a'.repeat(1024));
  });
});

describe('quoteString', () => {
  it.each([
    ['학교 code', "'학교 code'"],
    ["it's", "'it''s'"],
    ['a\\b', "'a\\\\b'"],
    ["\\'", "'\\\\'''"],
    ['nul\0', "'nul\\0'"],
    ['line\nbreak', "'line\nbreak'"],
  ])('quotes %j as %s', (text, literal) => {
    // Act
    const quoted = quoteString(text);

    // Assess
    expect(quoted).toBe(literal);
  });
});
