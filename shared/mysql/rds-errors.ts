import {
  RdsAccessDenied,
  RdsSettingsInvalid,
  RdsStatementFailed,
  RdsUnavailable,
} from '../errors.js';
import { secureTransportHint, type TlsContext, tlsRefusal } from './tls-errors.js';

/** Network failures worth retrying: the server may be starting, failing over or overloaded. */
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
]);

const accessDeniedCodes = new Set([
  'ER_ACCESS_DENIED_ERROR',
  'ER_ACCESS_DENIED_NO_PASSWORD_ERROR',
  'ER_DBACCESS_DENIED_ERROR',
  'ER_TABLEACCESS_DENIED_ERROR',
  'ER_COLUMNACCESS_DENIED_ERROR',
  'ER_SPECIFIC_ACCESS_DENIED_ERROR',
]);

/** What to do about MySQL not answering, where a step fails on it (retried first by the ASL). */
export const UNAVAILABLE_ADVICE =
  'Start it or fix the network path to it; the workflow retries the step, and once MySQL answers a redrive of a failed execution (`csv-catalog replay <execution>`) resumes at that step';

export interface RdsErrorContext extends TlsContext {
  /** host:port, for connection errors. */
  endpoint?: string;
  /** The statement that failed, for statement errors. */
  statement?: string;
}

/**
 * Turns a mysql2 or socket error into the named error Step Functions matches on. Messages
 * come from the server or the socket, which never repeat the password; the endpoint is
 * host:port only. Errors that are neither (bugs) are returned unchanged.
 */
export function toRdsError(error: unknown, context: RdsErrorContext = {}): unknown {
  if (!(error instanceof Error)) return error;
  const code = errorCode(error);
  const where = context.endpoint ? ` at ${context.endpoint}` : '';
  const serverMessage = sqlMessage(error) ?? error.message;
  const tls = tlsRefusal(error, code, context);
  if (tls) return tls;
  if (code && unavailableCodes.has(code)) {
    // The cause an execution fails with once its retries are spent: it says what to do.
    return new RdsUnavailable(
      `MySQL${where} is unavailable: ${(error.message || code).replace(/\.+$/, '')}. ${UNAVAILABLE_ADVICE}`,
      { cause: error },
    );
  }
  if (code === 'ENOTFOUND') {
    return new RdsSettingsInvalid(`MySQL host${where} was not found (DNS): ${error.message}`);
  }
  if (code && accessDeniedCodes.has(code)) {
    const statement = context.statement ? ` — statement: ${context.statement}` : '';
    const tlsHint = code === 'ER_ACCESS_DENIED_ERROR' ? secureTransportHint(context) : '';
    return new RdsAccessDenied(
      `MySQL${where} denied access: ${serverMessage}${statement}${tlsHint}`,
      {
        cause: error,
      },
    );
  }
  if (context.statement !== undefined && sqlMessage(error) !== undefined) {
    return new RdsStatementFailed(context.statement, serverMessage, code, { cause: error });
  }
  return error;
}

export function errorCode(error: Error): string | undefined {
  const own = (error as { code?: unknown }).code;
  if (typeof own === 'string') return own;
  // Node reports a failed connect to every address of a host as an AggregateError.
  if (error instanceof AggregateError) {
    for (const inner of error.errors) {
      const code = inner instanceof Error ? errorCode(inner) : undefined;
      if (code) return code;
    }
  }
  return undefined;
}

function sqlMessage(error: Error): string | undefined {
  const message = (error as { sqlMessage?: unknown }).sqlMessage;
  return typeof message === 'string' ? message : undefined;
}
