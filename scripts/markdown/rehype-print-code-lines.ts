/**
 * Print only. Splits each code block into line spans so print.css can number and wrap them, and
 * marks the lines long enough to wrap: only those carry the ↪ continuation mark (drawing it on
 * every line made printing several times slower). Blocks of up to 12 lines are marked `short`,
 * so print.css keeps them on one page.
 */
import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';
import { addClass } from './hast-classes.js';

export interface Options {
  /** How many half-width characters fit on one code line of the text block. */
  capacity: number;
}

/** The unified plugin. */
export default function rehypePrintCodeLines(options: Options) {
  return (tree: Root): void => {
    visit(tree, 'element', (el: Element, _index, parent) => {
      if (el.tagName !== 'code' || parent?.type !== 'element' || parent.tagName !== 'pre') return undefined;
      const lines = splitLines(el.children);
      // Trailing newline of the block: no empty last line.
      if (lines.length > 1 && lines.at(-1)?.length === 0) lines.pop();
      // A little slack: the estimate must never miss a line that wraps.
      el.children = lines.map((line) => h('span', { className: lineWidth(toString(h('span', line))) > options.capacity * 0.9 ? ['line', 'wraps'] : ['line'] }, line));
      if (lines.length <= 12) addClass(parent, 'short');
      return 'skip';
    });
  };
}

/** A line's width in half-width characters: Hangul, CJK and full-width forms count double. */
function lineWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch === '\t' ? 4 : /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return width;
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
