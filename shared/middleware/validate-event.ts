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
export function validateEvent<S extends z.ZodType>(schema: S): middy.MiddlewareObj<z.input<S>> {
  return {
    before: function validateEventBefore(request) {
      const result = schema.safeParse(request.event);
      if (!result.success) {
        const issues = result.error.issues
          .map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`)
          .join('; ');
        throw new InvalidEvent(`invalid event: ${issues}`);
      }
      request.event = result.data as z.input<S>;
    },
  };
}
