import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { ConfigError, describeError } from '../errors.js';
import { type Config, type ConfigInput, configSchema } from './config-schema.js';
import { withStageDatabase } from './stage-database.js';

/** Validates a configuration object; `source` names where it came from in errors. */
export function parseConfig(input: unknown, source = 'configuration'): Config {
  const protoKey = protoKeyPath(input);
  if (protoKey !== undefined) {
    throw new ConfigError(
      `${source}: ${protoKey}: "__proto__" cannot be a name in the config (JavaScript gives that key a special meaning, so it would be dropped silently): rename the table or column`,
    );
  }
  const result = configSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw new ConfigError(`${source}: ${formatIssues(result.error.issues)}`);
}

/** The defaults, optionally overlaid with a partial configuration (tests, the demo). */
export function defaultConfig(overrides: ConfigInput = {}): Config {
  return parseConfig(overrides);
}

/**
 * Reads and validates a JSON or YAML configuration file; no path gives the defaults. With a
 * deployed stage, a file that names no Glue database gets the stage's (stage-database.ts).
 */
export async function loadConfig(path?: string, stage?: string): Promise<Config> {
  if (!path) return parseConfig(withStageDatabase({}, stage));
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`${path}: cannot be read: ${describeError(error)}`, { cause: error });
  }
  let data: unknown;
  try {
    data = /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError(
      `${path}: is not valid ${/\.json$/i.test(path) ? 'JSON' : 'YAML'}: ${describeError(error)}`,
      {
        cause: error,
      },
    );
  }
  return parseConfig(withStageDatabase(data, stage), path);
}

/**
 * The path of the first own `__proto__` key anywhere in parsed JSON or YAML (both keep it as
 * a key); zod would drop it without a word, and a table or column of that name with it.
 */
function protoKeyPath(value: unknown, path: readonly string[] = []): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (!Array.isArray(value) && Object.hasOwn(value, '__proto__')) {
    return [...path, '__proto__'].join('.');
  }
  for (const [key, child] of Object.entries(value)) {
    const found = protoKeyPath(child, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

function formatIssues(issues: z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const field = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
      // A record key that fails its schema: say what a key must be, not "Invalid key".
      const message =
        issue.code === 'invalid_key' && issue.issues.length > 0
          ? issue.issues.map((i) => i.message).join(', ')
          : issue.message;
      return `${field}: ${message}`;
    })
    .join('; ');
}
