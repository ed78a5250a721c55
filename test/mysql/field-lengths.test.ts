import { describe, expect, it } from 'vitest';
import { FieldLengths } from '../../shared/mysql/field-lengths.js';

describe('FieldLengths', () => {
  it('counts characters, not bytes or enclosing quotes, across chunk edges, skipping the header', () => {
    // Prepare
    const text = '아주긴헤더이름,b\r\n"가""나",x\r\n"줄\r\n바꿈",\r\n';
    const bytes = Buffer.from(text, 'utf8');
    const lengths = new FieldLengths({ delimiter: ',', quote: '"' });

    // Act
    for (let i = 0; i < bytes.length; i += 3) lengths.push(bytes.subarray(i, i + 3));
    const longest = lengths.finish();

    // Assess
    // "가""나" is 가"나: 3; the quoted 줄\r\n바꿈 keeps its CRLF: 5.
    expect(longest).toEqual([5, 1]);
  });
});
