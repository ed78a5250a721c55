import { describe, expect, it } from 'vitest';
import type { WorkflowInput } from '../../../shared/workflow/workflow-input.js';
import { workflowInputSchema } from '../../../shared/workflow/workflow-input-schema.js';

/** An execution input as filing writes it, for a Korean file name and header. */
function input(overrides: Partial<WorkflowInput> = {}): WorkflowInput {
  return {
    bucket: 'drop',
    key: '학교목록/학교목록_20250901.csv',
    sourceKey: '학교목록_20250901.csv',
    table: '학교목록',
    snapshot: '20250901',
    encoding: 'cp949',
    delimiter: ',',
    quote: '"',
    columns: 2,
    quoted: false,
    multiline: false,
    size: 120,
    filedAt: '2025-09-01T00:00:00.000Z',
    superseded: false,
    ...overrides,
  };
}

describe('workflowInputSchema', () => {
  it.each(['학교목록', 'psy_ord_class', 't_2025학년도', 'constructor', '가'.repeat(64)])(
    'accepts the table name %s',
    (table) => {
      // Act
      const result = workflowInputSchema.safeParse(input({ table }));

      // Assess
      expect(result.success).toBe(true);
    },
  );

  it.each(['', 'School', '_t', '2024', '가'.repeat(65), 'a b', 't😀'])(
    'refuses the table name %j',
    (table) => {
      // Act
      const result = workflowInputSchema.safeParse(input({ table }));

      // Assess
      expect(result.success).toBe(false);
    },
  );

  it('refuses a header riding along: the execution input stays small whatever the width', () => {
    // Prepare: what filing wrote before the header moved out of the input
    const event = {
      ...input(),
      header: { original: ['학교명', '주소'], catalog: ['학교명', '주소'] },
      sampleMaxLengths: { 학교명: 5, 주소: 3 },
    };

    // Act
    const result = workflowInputSchema.safeParse(event);

    // Assess
    expect(result.success).toBe(false);
  });

  it('refuses a column count that is not a positive whole number', () => {
    // Act
    const result = workflowInputSchema.safeParse(input({ columns: 0 }));

    // Assess
    expect(result.success).toBe(false);
  });
});
