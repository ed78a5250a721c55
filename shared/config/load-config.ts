import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { ConfigError, describeError } from '../errors.js';
import { type Config, type ConfigInput, configSchema } from './config-schema.js';

/** Validates a configuration object; `source` names where it came from in errors. */
export function parseConfig(input: unknown, source = 'configuration'): Config {
  const result = configSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw new ConfigError(`${source}: ${formatIssues(result.error.issues)}`);
}

/** The defaults, optionally overlaid with a partial configuration (tests, the demo). */
export function defaultConfig(overrides: ConfigInput = {}): Config {
  return parseConfig(overrides);
}

/** Reads and validates a JSON or YAML configuration file; no path gives the defaults. */
export async function loadConfig(path?: string): Promise<Config> {
  if (!path) return defaultConfig();
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
  return parseConfig(data, path);
}

function formatIssues(issues: z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const field = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
      return `${field}: ${issue.message}`;
    })
    .join('; ');
}
