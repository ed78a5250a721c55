import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../../../shared/config/load-config.js';

const README = fileURLToPath(new URL('../../../README.md', import.meta.url));

it("accepts the README's configuration example as written", () => {
  // Prepare: the first yaml block of the README, which a team copies to start from
  const markdown = readFileSync(README, 'utf8');
  const start = markdown.indexOf('```yaml\n') + '```yaml\n'.length;
  const block = markdown.slice(start, markdown.indexOf('```', start));

  // Act
  const config = parseConfig(parse(block), 'README.md');

  // Assess
  expect(config.naming.columns).toBe('unicode');
  expect(config.naming.rules.map((r) => r.table)).toContain('학교목록');
  expect(config.serde).toBe('open-csv');
});
