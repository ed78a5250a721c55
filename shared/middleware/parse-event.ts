import { parser } from '@aws-lambda-powertools/parser/middleware';
import type { ParsedResult } from '@aws-lambda-powertools/parser/types';
import type middy from '@middy/core';
import type { z } from 'zod';
import type { SchemaIssue } from './describe-issues.js';
import { InvalidEvent } from './invalid-event.js';

/**
 * Parses the event with Powertools' parser (a zod schema: defaults and transforms apply, the
 * handler sees the parsed form) and fails a malformed one as InvalidEvent naming the wrong
 * fields: the ASL and the tests match that name, not the parser's own ParseError.
 */
export function parseEvent(schema: z.ZodType): middy.MiddlewareObj[] {
  // safeParse: the parser hands back its result instead of throwing, and the next middleware
  // turns a failure into InvalidEvent.
  return [parser({ schema, safeParse: true }) as middy.MiddlewareObj, rejectUnparsed];
}

const rejectUnparsed: middy.MiddlewareObj = {
  before: function rejectUnparsedEvent(request) {
    const result = request.event as ParsedResult;
    if (!result.success) {
      throw new InvalidEvent(issuesOf(result.error), { cause: result.error });
    }
    request.event = result.data;
  },
};

/** The parser's ParseError carries the schema's issues as its cause. */
function issuesOf(error: Error): readonly SchemaIssue[] {
  return Array.isArray(error.cause)
    ? (error.cause as SchemaIssue[])
    : [{ message: error.message, path: [] }];
}
