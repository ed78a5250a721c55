/** The parts of an s3rver instance (a Koa application) this module changes. */
interface S3rverApplication {
  middleware: ((...args: never[]) => unknown)[];
  context: { logger: object };
}

const noop = () => undefined;

/**
 * With `silent: true` s3rver prints nothing, yet still formats a line for every request
 * (koa-logger, colours by chalk) and passes every controller's message through winston's
 * stream pipeline, to be dropped by a silent transport. Both are skipped here: the request
 * logger becomes a pass-through and the request context's logger drops messages at once.
 * Only for a silent server; nothing S3 answers depends on either.
 */
export function quietS3rverLogging(server: S3rverApplication): void {
  const index = server.middleware.findIndex((m) => m.name === 'logger');
  if (index !== -1) server.middleware[index] = (_ctx: unknown, next: () => unknown) => next();
  server.context.logger = Object.assign(Object.create(server.context.logger) as object, {
    debug: noop,
    info: noop,
    warn: noop,
    error: noop,
  });
}
