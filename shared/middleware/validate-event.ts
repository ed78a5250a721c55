import type middy from '@middy/core';
import type { z } from 'zod';
import { CsvCatalogError } from '../errors.js';

/** The event a handler received is not of the shape it handles. */
export class InvalidEvent extends CsvCatalogError {
  public override name = 'InvalidEvent';
}

/**
 * Validates (and narrows) the event with a zod schema before the handler runs, so handlers
 * only see events of their shape and a malformed one fails with the field that is wrong.
 */
export function validateEvent<TEvent = never, S extends z.ZodType = z.ZodType>(
  schema: S,
): middy.MiddlewareObj<[TEvent] extends [never] ? z.input<S> : TEvent> {
  return {
    before: function validateEventBefore(request) {
      const result = schema.safeParse(request.event);
      if (!result.success) {
        throw new InvalidEvent(`invalid event: ${describeIssues(result.error.issues)}`);
      }
      request.event = result.data as [TEvent] extends [never] ? z.input<S> : TEvent;
    },
  };
}

type Issue = z.core.$ZodIssue;

/**
 * Each issue as `path: message`. An event that matches no shape of a union (an S3
 * notification or an EventBridge event) lists what each shape found wrong, not zod's bare
 * "Invalid input".
 */
function describeIssues(issues: readonly Issue[], prefix: readonly PropertyKey[] = []): string {
  return issues
    .map((issue) => {
      const path = [...prefix, ...issue.path];
      if (issue.code === 'invalid_union' && issue.errors.length > 0) {
        const shapes = issue.errors.map(
          (branch, i) => `(${i + 1}) ${describeIssues(branch, path)}`,
        );
        return `matches no accepted shape: ${shapes.join(' | ')}`;
      }
      return `${path.map(String).join('.') || '(event)'}: ${issue.message}`;
    })
    .join('; ');
}
