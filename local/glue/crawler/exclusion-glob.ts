/**
 * Crawler exclude patterns, interpreted as Glue documents them ("Include and exclude patterns"):
 * relative to the include path; `*` matches within one folder level, `**` across levels, `?`
 * one character, `[a-z]`/`[!a-c]` a character class, `{csv,avro}` alternatives (not nested),
 * `\` escapes, and a leading dot is an ordinary character. Glue's `**` may stand inside a name
 * (`**.csv`, `myfolder**`), which common glob libraries such as picomatch read differently, so
 * the translation is done here.
 */
export function exclusionMatcher(patterns: readonly string[]): (relativeKey: string) => boolean {
  const expressions = patterns.map(globToRegExp);
  return (relativeKey) => expressions.some((expression) => expression.test(relativeKey));
}

export function globToRegExp(glob: string): RegExp {
  let source = '';
  let inBraces = false;
  for (let index = 0; index < glob.length; index += 1) {
    const char = glob.charAt(index);
    if (char === '\\' && index + 1 < glob.length) {
      index += 1;
      source += escapeChar(glob.charAt(index));
    } else if (char === '*') {
      if (glob.charAt(index + 1) === '*') {
        index += 1;
        source += '.*';
      } else {
        source += '[^/]*';
      }
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '[') {
      const close = glob.indexOf(']', index + 2);
      if (close < 0) {
        source += '\\[';
        continue;
      }
      const body = glob.slice(index + 1, close);
      const negated = body.startsWith('!');
      const members = (negated ? body.slice(1) : body).replace(/[\\\]^]/g, '\\$&');
      source += negated ? `[^/${members}]` : `[${members}]`;
      index = close;
    } else if (char === '{' && !inBraces) {
      inBraces = true;
      source += '(?:';
    } else if (char === '}' && inBraces) {
      inBraces = false;
      source += ')';
    } else if (char === ',' && inBraces) {
      source += '|';
    } else {
      source += escapeChar(char);
    }
  }
  if (inBraces) source += ')';
  return new RegExp(`^${source}$`);
}

function escapeChar(char: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(char) ? `\\${char}` : char;
}
