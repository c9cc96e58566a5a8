/**
 * Print only. Wraps the Hangul stretches of the text, with the spaces and punctuation between
 * them, in `<span class="hangul">`, cut around Latin words, numbers and every other run of
 * letters that is not CJK (`Docker`, `nginx:1.28`, `27.3.1`). print.css justifies those spans
 * between characters and leaves the rest to Chromium's default, which widens spaces and gaps
 * between Han and kana but never letter-spaces a Latin word: so a justified Korean line widens its
 * spaces and syllable gaps, and `Docker` keeps its natural width. Chromium reads `text-justify` per
 * inline box, and has no way to say "between Hangul syllables" in CSS alone.
 */
import type { Element, ElementContent, Root, Text } from 'hast';
import { SKIP, visit } from './visit.js';
import { hasClass } from './hast-classes.js';

/** Elements whose text is never justified between characters: code is set as written, drawings and formulas have their own layout. */
const untouched = new Set(['pre', 'code', 'kbd', 'samp', 'svg', 'math', 'script', 'style', 'textarea']);

/** A Hangul syllable or jamo. */
const hangul = /\p{Script=Hangul}/u;

/**
 * A run of letters that must keep its natural width: non-space characters outside the CJK scripts
 * and their punctuation, taken whole (`(Docker)`, `v1.2-rc`), when they hold a letter or digit.
 */
const foreignRun = /[^\s\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\u3000-\u303f\uff00-\uffef]+/gu;
const letterOrDigit = /[\p{L}\p{N}]/u;

/** The unified plugin. */
export default function rehypePrintHangulRuns() {
  return (tree: Root): void => {
    visit(tree, (node, index, parent) => {
      if (node.type === 'element') return untouched.has(node.tagName) || hasClass(node, 'katex') ? SKIP : undefined;
      if (node.type !== 'text' || !parent || index === undefined || !hangul.test(node.value)) return undefined;
      const pieces = split(node);
      parent.children.splice(index, 1, ...pieces);
      return [SKIP, index + pieces.length];
    });
  };
}

/** A text node as its stretches holding Hangul, in spans, and the rest (foreign runs, spaces between them) as text. */
function split(node: Text): ElementContent[] {
  const pieces: ElementContent[] = [];
  const add = (value: string, wrap: boolean): void => {
    const last = pieces.at(-1);
    if (!value) return;
    if (wrap) pieces.push(span(value));
    else if (last?.type === 'text') last.value += value;
    else pieces.push({ type: 'text', value });
  };
  let start = 0;
  for (const match of node.value.matchAll(foreignRun)) {
    if (!letterOrDigit.test(match[0])) continue;
    const before = node.value.slice(start, match.index);
    add(before, hangul.test(before));
    add(match[0], false);
    start = match.index + match[0].length;
  }
  const rest = node.value.slice(start);
  add(rest, hangul.test(rest));
  return pieces;
}

/** A span justified between characters. */
function span(value: string): Element {
  return { type: 'element', tagName: 'span', properties: { className: ['hangul'] }, children: [{ type: 'text', value }] };
}
