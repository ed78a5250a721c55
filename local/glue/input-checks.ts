import { invalidInput } from './glue-errors.js';
import type { JsonObject } from './json-protocol.js';

/**
 * Reading request members with Glue's own validation wording ("1 validation error detected:
 * Value null at 'name' failed to satisfy constraint: Member must not be null").
 */
function validationError(member: string, value: unknown, constraint: string) {
  const shown = value === undefined || value === null ? 'null' : `'${String(value)}'`;
  return invalidInput(
    `1 validation error detected: Value ${shown} at '${lowerFirst(member)}' failed to satisfy constraint: ${constraint}`,
  );
}

function lowerFirst(member: string): string {
  return member.charAt(0).toLowerCase() + member.slice(1);
}

export function requiredString(input: JsonObject, member: string, path = member): string {
  const value = input[member];
  if (value === undefined || value === null) {
    throw validationError(path, value, 'Member must not be null');
  }
  if (typeof value !== 'string') throw validationError(path, value, 'Member must be a string');
  if (value.length < 1 || value.length > 255) {
    throw validationError(
      path,
      value,
      'Member must have length less than or equal to 255 and greater than or equal to 1',
    );
  }
  return value;
}

export function optionalString(
  input: JsonObject,
  member: string,
  path = member,
): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw validationError(path, value, 'Member must be a string');
  return value;
}

export function optionalBoolean(input: JsonObject, member: string): boolean | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw validationError(member, value, 'Member must be a boolean');
  return value;
}

export function optionalInteger(
  input: JsonObject,
  member: string,
  range: { min: number; max: number },
): number | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw validationError(member, value, 'Member must be an integer');
  }
  if (value < range.min || value > range.max) {
    throw validationError(
      member,
      value,
      `Member must have value less than or equal to ${range.max} and greater than or equal to ${range.min}`,
    );
  }
  return value;
}

export function optionalStringList(input: JsonObject, member: string): string[] | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw validationError(member, '[…]', 'Member must be a list of strings');
  }
  return value as string[];
}

export function optionalStringMap(
  input: JsonObject,
  member: string,
): Record<string, string> | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (!isJsonObject(value) || Object.values(value).some((item) => typeof item !== 'string')) {
    throw validationError(member, '{…}', 'Member must be a map of strings');
  }
  return value as Record<string, string>;
}

export function requiredObject(input: JsonObject, member: string): JsonObject {
  const value = input[member];
  if (value === undefined || value === null) {
    throw validationError(member, value, 'Member must not be null');
  }
  if (!isJsonObject(value)) throw validationError(member, '…', 'Member must be a structure');
  return value;
}

export function optionalObject(input: JsonObject, member: string): JsonObject | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (!isJsonObject(value)) throw validationError(member, '…', 'Member must be a structure');
  return value;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Glue stores database and table names lower-cased (Hive compatibility). */
export function catalogName(name: string): string {
  return name.toLowerCase();
}

/** Glue's pattern for a parameter key (SerDeInfo, Table): no control character but tab. */
const PARAMETER_KEY = /^[\u0020-\uD7FF\uE000-\uFFFD\t\u{10000}-\u{10FFFF}]{1,255}$/u;
const MAX_PARAMETER_VALUE = 512_000;

/**
 * A string-to-string parameter map as Glue validates it: keys 1–255 characters of its key
 * pattern, values of at most 512,000 characters and no pattern at all (a NUL is a valid value),
 * https://docs.aws.amazon.com/glue/latest/webapi/API_SerDeInfo.html.
 */
export function optionalParameterMap(
  input: JsonObject,
  member: string,
  path = member,
): Record<string, string> | undefined {
  const map = optionalStringMap(input, member);
  for (const [key, value] of Object.entries(map ?? {})) {
    if (!PARAMETER_KEY.test(key)) {
      throw validationError(
        path,
        '{…}',
        'Map keys must satisfy constraint: [Member must have length less than or equal to 255, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\t]*]',
      );
    }
    if (value.length > MAX_PARAMETER_VALUE) {
      throw validationError(
        path,
        '{…}',
        'Map value must satisfy constraint: [Member must have length less than or equal to 512000]',
      );
    }
  }
  return map;
}
