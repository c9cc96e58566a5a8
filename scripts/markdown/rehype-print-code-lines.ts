/**
 * Print only. Sets each code block as the lines it prints: every source line becomes a block
 * (`span.line`), and a line too long for the text block is wrapped here rather than by the
 * browser, so that its continuations are blocks of their own (`span.line.continued`, which
 * print.css marks with ↪ in the gutter) and the block's printed height is known. A line wraps
 * after a space (or between CJK characters) first, so a word or token moves whole to the next
 * line; only a token longer than a whole line is broken inside, after punctuation (`/`, `.`, `-`,
 * ...) when that fills at least half the line, else at the last character that fits. Blocks of
 * up to `shortLines` printed lines are marked `short` (print.css keeps them on one page), longer
 * ones `long` (split with at least two lines on each side).
 */
import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { h } from 'hastscript';
import { visit } from './visit.js';
import { addClass } from './hast-classes.js';

export interface Options {
  /** How many half-width characters fit on one code line of the text block. */
  capacity: number;
}

/** Blocks of at most this many printed lines never split across pages. */
const shortLines = 6;

/** The unified plugin. */
export default function rehypePrintCodeLines(options: Options) {
  // The estimate is in whole columns: a partial column holds no character.
  const columns = Math.max(2, Math.floor(options.capacity));
  return (tree: Root): void => {
    visit(tree, 'element', (el: Element, _index, parent) => {
      if (el.tagName !== 'code' || parent?.type !== 'element' || parent.tagName !== 'pre') return undefined;
      const lines = splitLines(el.children);
      // Trailing newline of the block: no empty last line.
      if (lines.length > 1 && lines.at(-1)?.length === 0) lines.pop();
      el.children = lines.flatMap((line) => {
        const text = toString(h('span', line));
        const starts = [0, ...wrapPoints(text, columns), text.length];
        return starts.slice(1).map((end, i) => h('span', { className: i ? ['line', 'continued'] : ['line'] }, slice(line, starts[i] as number, end)));
      });
      addClass(parent, el.children.length <= shortLines ? 'short' : 'long');
      return 'skip';
    });
  };
}

/** One character of a line: its text and where it starts (UTF-16 offset). */
interface Char {
  ch: string;
  at: number;
}

// Punctuation a long token breaks after (never inside a run of it, such as `//` or `->`), and
// the opening brackets it breaks before.
const breakAfter = /[!#%&)*+,\-./:;=>?@\\\]^_|}~]/;
const opening = /[([{]/;
const punctuation = /[!-/:-@[-`{-~]/;
// CJK ideographs, kana and full-width forms break between any two characters, except before
// closing punctuation and after opening punctuation (as in body text).
const cjk = /[\u2e80-\u2fff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/u;
const noBreakBefore = /[、。，．：；！？）」』】〕〉》］｝ー々〜・ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ]/u;
const noBreakAfter = /[（「『【〔〈《［｛]/u;

/**
 * Where a line of code wraps for `columns` half-width columns: the offsets at which its
 * continuation lines start (none when it fits).
 */
export function wrapPoints(text: string, columns: number): number[] {
  const chars: Char[] = [];
  for (let at = 0; at < text.length; ) {
    const ch = String.fromCodePoint(text.codePointAt(at) as number);
    chars.push({ ch, at });
    at += ch.length;
  }
  const points: number[] = [];
  let start = 0;
  for (;;) {
    const limit = firstOverflow(chars, start, columns);
    if (limit === chars.length) return points;
    const cut = breakBetween(chars, start, limit, columns);
    points.push((chars[cut] as Char).at);
    start = cut;
  }
}

/**
 * The index of the first character from `start` that does not fit on the line, or the length
 * when the rest fits. Spaces at a line's end hang in the margin (white-space: pre-wrap), so only
 * other characters overflow.
 */
function firstOverflow(chars: Char[], start: number, columns: number): number {
  let column = 0;
  for (let i = start; i < chars.length; i++) {
    const { ch } = chars[i] as Char;
    const width = advance(ch, column);
    if (!/\s/.test(ch) && column + width > columns) return i;
    column += width;
  }
  return chars.length;
}

/**
 * Where the line starting at `start` ends, given that the character at `limit` does not fit: the
 * last space or CJK break before it, as long as something other than indentation comes before;
 * else, inside a token longer than the line, after the last punctuation that fills half the line;
 * else just before `limit`.
 */
function breakBetween(chars: Char[], start: number, limit: number, columns: number): number {
  const firstInk = chars.findIndex((c, i) => i >= start && !/\s/.test(c.ch));
  for (let cut = limit; cut > firstInk; cut--) {
    if (spaceBreak(chars, cut) || cjkBreak(chars, cut)) return cut;
  }
  let width = 0;
  const widths: number[] = [];
  for (let i = start; i < limit; i++) widths.push((width += advance((chars[i] as Char).ch, width)));
  for (let cut = limit; cut > start + 1; cut--) {
    if ((widths[cut - start - 1] as number) < columns / 2) break;
    if (punctuationBreak(chars, cut)) return cut;
  }
  return Math.max(limit, start + 1);
}

/** Whether a line may start at `cut` because a space ends the text before it. */
function spaceBreak(chars: Char[], cut: number): boolean {
  return /\s/.test((chars[cut - 1] as Char).ch) && !/\s/.test((chars[cut] as Char).ch);
}

/** Whether a line may start at `cut` between CJK characters. */
function cjkBreak(chars: Char[], cut: number): boolean {
  const before = (chars[cut - 1] as Char).ch;
  const after = (chars[cut] as Char).ch;
  if (!cjk.test(before) && !cjk.test(after)) return false;
  return !/\s/.test(before) && !noBreakBefore.test(after) && !noBreakAfter.test(before);
}

/** Whether a long token may break at `cut`: after a run of punctuation, or before an opening bracket. */
function punctuationBreak(chars: Char[], cut: number): boolean {
  const before = (chars[cut - 1] as Char).ch;
  const after = (chars[cut] as Char).ch;
  if (breakAfter.test(before) && !punctuation.test(after)) return true;
  return opening.test(after) && !punctuation.test(before);
}

/**
 * A character's width in half-width columns of the code font (Nanum Gothic Coding: ASCII half,
 * everything else it has full width); a tab reaches the next stop of 8 (CSS's default tab-size).
 * Characters the font lacks come from the body fonts, narrower than full width except emoji,
 * which count wider: the estimate may wrap a little early, never late.
 */
function advance(ch: string, column: number): number {
  if (ch === '\t') return 8 - (column % 8);
  const code = ch.codePointAt(0) as number;
  if (code < 0x7f || code === 0xa0) return code < 0x20 ? 0 : 1;
  if (/[\p{M}\u200b-\u200f\u2060\ufeff]/u.test(ch)) return 0;
  return /\p{Extended_Pictographic}/u.test(ch) ? 3 : 2;
}

/** The part of inline content between two offsets of its text, cloning the spans it cuts through. */
function slice(nodes: ElementContent[], from: number, to: number): ElementContent[] {
  const out: ElementContent[] = [];
  let at = 0;
  for (const node of nodes) {
    const length = node.type === 'text' ? node.value.length : node.type === 'element' ? toString(node).length : 0;
    const [start, end] = [Math.max(from - at, 0), Math.min(to - at, length)];
    if (start < end) {
      if (node.type === 'text') out.push({ type: 'text', value: node.value.slice(start, end) });
      else if (node.type === 'element') out.push({ ...node, children: slice(node.children, start, end) });
    }
    at += length;
  }
  return out;
}

/**
 * Splits inline content at newlines into lines, cloning the (highlighting) spans a newline falls
 * inside so each line stays well formed.
 */
function splitLines(nodes: ElementContent[]): ElementContent[][] {
  const lines: ElementContent[][] = [[]];
  for (const node of nodes) {
    if (node.type === 'text') {
      node.value.split('\n').forEach((part, i) => {
        if (i > 0) lines.push([]);
        if (part) (lines.at(-1) as ElementContent[]).push({ type: 'text', value: part });
      });
    } else if (node.type === 'element') {
      splitLines(node.children).forEach((part, i) => {
        if (i > 0) lines.push([]);
        if (part.length) (lines.at(-1) as ElementContent[]).push({ ...node, children: part });
      });
    }
  }
  return lines;
}
