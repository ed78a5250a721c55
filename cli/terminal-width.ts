import { createRequire } from 'node:module';

/**
 * What CLI tables mostly hold, whose width needs no grapheme segmentation: printable ASCII,
 * the punctuation of U+2010–U+2027 (dashes, quotes, the ellipsis; one column each, as
 * string-width counts them), CJK ideographs and Hangul syllables (two columns each).
 */
const SIMPLE_TEXT = /^[\x20-\x7e\u2010-\u2027\u4e00-\u9fff\uac00-\ud7a3]*$/;
const WIDE = /[\u4e00-\u9fff\uac00-\ud7a3]/g;

type StringWidth = (text: string) => number;

// string-width creates an Intl.Segmenter when it is imported, which costs more than the rest
// of `executions` starting (tens of ms): it is loaded the first time a text is not simple.
// Nodes that require() an ES module synchronously (≥ 20.19, ≥ 22.12) load it then; older
// ones load it with this module.
const require = createRequire(import.meta.url);
let stringWidth: StringWidth | undefined = process.features.require_module
  ? undefined
  : (await import('string-width')).default;

/** Columns the text takes on a terminal, as string-width counts them. */
export function terminalWidth(text: string): number {
  if (SIMPLE_TEXT.test(text)) return text.length + (text.match(WIDE)?.length ?? 0);
  stringWidth ??= (require('string-width') as typeof import('string-width')).default;
  return stringWidth(text);
}
