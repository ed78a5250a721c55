import { InvalidArgumentError } from 'commander';

/** Parsers of option values; commander reports the error as a usage error. */

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new InvalidArgumentError(`not a positive integer: ${value}`);
  }
  return n;
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError('must be a port number (0-65535)');
  }
  return port;
}

export function parseMilliseconds(value: string): number {
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 0) throw new InvalidArgumentError('must be a whole number ≥ 0');
  return ms;
}
