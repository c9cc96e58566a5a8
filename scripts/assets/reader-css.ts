/**
 * What e-readers do not take in a book's own epub.css, reported at its line. Kobo's e-ink readers
 * render sideloaded EPUBs with Adobe's RMSDK, whose CSS parser drops the whole stylesheet (not one
 * declaration) on a value function it does not know; flex and grid layouts fall back to stacked
 * blocks there and in Kindle's older formats. EPUBCheck accepts all of it, so only this check says so.
 */
import type { Diagnostics } from '../diagnostics.js';

/** Patterns readers fail on, with what to tell the author. */
const unsupported: [RegExp, (found: string) => string][] = [
  [/\b(var|calc|min|max|clamp|env)\(/g, (f) => `${f}…) in epub.css: Kobo's e-ink readers (Adobe RMSDK) drop the whole stylesheet on it; write a plain value`],
  [/\bdisplay\s*:\s*((?:inline-)?(?:flex|grid))\b/g, (f) => `display: ${f} in epub.css: Kobo's Adobe engine and older Kindles show the boxes stacked; keep the layout readable without it`],
];

/** Warns about each value in the book's e-reader stylesheet `text` (the file `where`) that readers drop. */
export function checkReaderCss(text: string, where: string, diagnostics: Diagnostics): void {
  // Comments are blanked (line breaks kept) so that their words are not reported and lines stay right.
  const code = text.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
  for (const [pattern, message] of unsupported) {
    for (const match of code.matchAll(pattern)) {
      const before = code.slice(0, match.index);
      const line = before.split('\n').length;
      const column = match.index - before.lastIndexOf('\n');
      diagnostics.warn(message(match[1] as string), where, line, column, 'epub-css-reader');
    }
  }
}
