/**
 * Puts drawn Mermaid diagrams where their ```mermaid code blocks were: a figure holding the SVG
 * inline (diagrams/figure.ts). A diagram mermaid could not draw keeps its code block, with a
 * warning at the line mermaid named and mermaid's reason. The drawings come from the manuscript
 * stage (diagrams/drawer.ts), drawn for the whole book at once while its chapters are resolved.
 */
import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { SKIP, visit } from './visit.js';
import type { VFile } from 'vfile';
import { diagramFigure } from '../diagrams/figure.js';
import type { Drawing } from '../diagrams/mermaid-page.js';
import { hasClass } from './hast-classes.js';

export interface Options {
  /** The drawing of each source (as `mermaidBlock` reads it). */
  drawings: Map<string, Drawing>;
  /** Starts every diagram's id (the chapter's id): ids inside SVG are unique per document. */
  prefix: string;
  /** The word for "diagram" in the book's language. */
  noun: string;
}

/** A ```mermaid code block: its source, and the caption its fence gives (`title="…"`). */
export interface MermaidBlock {
  source: string;
  title?: string;
}

/**
 * The Mermaid block an element is, if it is one: a `<pre>` holding `<code class="language-mermaid">`,
 * or the listing a titled fence became (remark-code-info: `figure.listing > figcaption + pre`),
 * whose caption is the diagram's.
 */
export function mermaidBlock(node: Element): MermaidBlock | undefined {
  // Every element of every chapter is asked, on every build: only these two can be one.
  if (node.tagName !== 'pre' && node.tagName !== 'figure') return undefined;
  const children = node.children.filter((child): child is Element => child.type === 'element');
  if (node.tagName === 'figure' && hasClass(node, 'listing')) {
    const pre = children.find((child) => child.tagName === 'pre');
    const caption = children.find((child) => child.tagName === 'figcaption');
    const block = pre && mermaidBlock(pre);
    const title = caption && toString(caption).trim();
    if (block && title) block.title = title;
    return block;
  }
  const code = children[0];
  if (node.tagName !== 'pre' || !code || code.tagName !== 'code' || !hasClass(code, 'language-mermaid')) return undefined;
  return { source: toString(code) };
}

/** The sources of every Mermaid block in a tree, in order. */
export function mermaidSources(tree: Root): string[] {
  const sources: string[] = [];
  visit(tree, 'element', (node: Element) => {
    const block = mermaidBlock(node);
    if (!block) return undefined;
    sources.push(block.source);
    return SKIP;
  });
  return sources;
}

/** Mermaid's message on one line, without the excerpt and caret it draws under a parse error. */
function reasonOf(message: string): string {
  const lines = message.split('\n');
  const caret = lines.findIndex((line) => /^-*\^$/.test(line));
  if (caret > 0) lines.splice(caret - 1, 2);
  return lines.join(' ').replace(/\s+/g, ' ').replace(/^Parsing failed: /, '').trim();
}

/** The unified plugin. */
export default function rehypeMermaid(options: Options) {
  return (tree: Root, file: VFile): void => {
    let count = 0;
    visit(tree, 'element', (node: Element, index, parent) => {
      const block = mermaidBlock(node);
      if (!block || !parent || index === undefined) return undefined;
      const drawing = options.drawings.get(block.source);
      if (!drawing) return SKIP;
      const start = node.position?.start;
      if ('error' in drawing) {
        // Mermaid counts lines from the diagram's first line, the one after the fence.
        const place = start && { line: start.line + (drawing.line ?? 0), column: start.column };
        file.message(`Mermaid could not draw this diagram: ${reasonOf(drawing.error)}; its source is shown as code`, { place, ruleId: 'diagram-not-drawn' });
        return SKIP;
      }
      const figure = diagramFigure(drawing.svg, drawing.type, { id: `${options.prefix}-mermaid-${++count}`, noun: options.noun, ...(block.title ? { title: block.title } : {}) });
      if ('problem' in figure) {
        file.message(`the drawn diagram cannot go into the book: ${figure.problem}; its source is shown as code`, { place: start, ruleId: 'diagram-not-drawn' });
        return SKIP;
      }
      parent.children[index] = figure;
      return SKIP;
    });
  };
}
