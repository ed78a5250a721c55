import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Logger } from '../../../shared/logging/logger.js';
import { createHandler } from '../../../shared/middleware/create-handler.js';
import { capturingLogger, contextWith } from './handler-fixture.js';

const schema = z.strictObject({
  table: z.string().min(1),
  columns: z.array(z.string()).default([]),
});

describe('createHandler', () => {
  it('gives run the parsed event (defaults applied) and the invocation logger', async () => {
    // Prepare
    const { logger, lines } = capturingLogger();
    const handler = createHandler({
      name: 'column-count',
      schema,
      resolve: async () => ({ logger }),
      run: async (event, deps: { logger: Logger }) => {
        deps.logger.info('Counted columns', { count: event.columns.length });
        return { table: event.table, count: event.columns.length };
      },
    });

    // Act
    const result = await handler({ table: '학생명부' }, contextWith('req-parsed'));

    // Assess
    expect(result).toEqual({ table: '학생명부', count: 0 });
    expect(lines).toEqual([
      expect.objectContaining({
        message: 'Counted columns',
        handler: 'column-count',
        table: '학생명부',
        function_request_id: 'req-parsed',
      }),
    ]);
  });

  it('tries resolving again after a cold start that failed', async () => {
    // Prepare: the first resolution fails (a config briefly unreachable), the next succeeds
    const { logger } = capturingLogger();
    let attempts = 0;
    const handler = createHandler({
      name: 'retry-resolve',
      schema,
      resolve: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('설정 파일을 읽지 못함');
        return { logger };
      },
      run: async (event) => event.table,
    });

    // Act
    const first = handler({ table: '교사목록' }, contextWith('req-1')).catch((e: Error) => e);
    const firstOutcome = await first;
    const second = await handler({ table: '교사목록' }, contextWith('req-2'));
    const third = await handler({ table: '교사목록' }, contextWith('req-3'));

    // Assess
    expect(firstOutcome).toMatchObject({ message: '설정 파일을 읽지 못함' });
    expect([second, third]).toEqual(['교사목록', '교사목록']);
    expect(attempts).toBe(2);
  });

  it('names every wrong field, a JavaScript-property name included', async () => {
    // Prepare
    const { logger } = capturingLogger();
    const handler = createHandler({
      name: 'strict',
      schema,
      resolve: async () => ({ logger }),
      run: async () => 'unreached',
    });
    const event = JSON.parse('{"table":"","__proto__":{"x":1},"constructor":"c"}') as unknown;

    // Act
    const outcome = await handler(event as never, contextWith('req-bad')).catch((e: unknown) => e);

    // Assess
    expect(outcome).toMatchObject({
      name: 'InvalidEvent',
      fields: expect.arrayContaining(['table', '__proto__', 'constructor']),
    });
    expect((outcome as Error).message).toMatch(/^invalid event: table: /);
  });
});
