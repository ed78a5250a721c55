import { describe, expect, it } from 'vitest';
import { readableCause } from '../../../cli/readable-cause.js';

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
