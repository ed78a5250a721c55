import { describe, expect, it } from 'vitest';
import { causeAbout, readableCause } from '../../../shared/aws/readable-cause.js';

describe('readableCause', () => {
  it("shows a Lambda error's message", () => {
    // Prepare
    const cause = JSON.stringify({
      errorType: 'RdsUnavailable',
      errorMessage: 'connect ECONNREFUSED 127.0.0.1:1',
      trace: [],
    });

    // Act & Assess
    expect(readableCause(cause)).toBe('connect ECONNREFUSED 127.0.0.1:1');
  });

  it.each([undefined, 'crawler_t failed: bad file', '{not json', '{"other":1}'])(
    'keeps %j as it is',
    (cause) => {
      // Act & Assess
      expect(readableCause(cause)).toBe(cause);
    },
  );
});

describe('causeAbout', () => {
  it('names the table when the message does not, once', () => {
    // Prepare
    const cause = JSON.stringify({ errorType: 'RdsUnavailable', errorMessage: 'MySQL is away' });

    // Act & Assess
    expect(causeAbout('학교', cause)).toBe('학교: MySQL is away');
    expect(causeAbout('학교', '학교: crawler failed')).toBe('학교: crawler failed');
    expect(causeAbout(undefined, cause)).toBe('MySQL is away');
    expect(causeAbout('학교', undefined)).toBeUndefined();
  });
});
