/**
 * The HTML documents Chromium prints: one per chapter, so that every chapter's first page is the
 * document's `:first` page (the opener, without running head) and its own `:right` page, and so
 * that a changed chapter is the only one printed again.
 */
import type { Element, ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';
import type { BookConfig } from '../../config/load.js';
import type { Chapter } from '../../manuscript/model.js';
import type { Geometry } from './geometry.js';

/** A document ready to print, with what the preflight needs to know about it. */
export interface PrintDocument {
  /** File name without extension (`ch01`, `front`); links between documents use it. */
  name: string;
  /** Where problems in it come from, for diagnostics (the chapter's source file). */
  source: string;
  html: string;
  /** Text that appears only in margin boxes: its glyphs must be loaded before printing. */
  marginText: string[];
  /** Code lines and tables that were set smaller to fit the text block. */
  shrunk: { kind: string; detail: string }[];
}

/** Name of the stylesheet shared by all documents of a build (fonts, pages, print.css). */
export const sharedCssName = 'book.css';

/** The shared CSS: web fonts, the sheet with mirrored margins, then the book's print.css. */
export function sharedCss(geometry: Geometry, fontCss: string, printCss: string): string {
  const { pageWidth, pageHeight, margins: m } = geometry;
  return `${fontCss}
@page { size: ${pageWidth}mm ${pageHeight}mm; margin: ${m.top}mm ${m.outer}mm ${m.bottom}mm ${m.inner}mm; }
@page :left { margin-left: ${m.outer}mm; margin-right: ${m.inner}mm; }
@page :right { margin-left: ${m.inner}mm; margin-right: ${m.outer}mm; }
:root { --font-size: ${geometry.fontSize}pt; }
${printCss}`;
}

/** The print document of one chapter. */
export function chapterDocument(chapter: Chapter, config: BookConfig): PrintDocument {
  const tree = structuredClone(chapter.tree) as Root;
  const shrunk = prepareTree(tree);
  const body: ElementContent[] = [];
  body.push(targetLinks(tree));
  const content = tree.children as ElementContent[];
  if (chapter.partTitle) content.unshift(h('p', { className: ['part-title'] }, chapter.partTitle));
  body.push(h('section', { className: ['chapter'], id: chapter.id }, content));
  const heads = runningHeadCss(config.title, chapter.title);
  return {
    name: chapter.id,
    source: chapter.source,
    html: htmlDocument(config.language, chapter.title, heads, body),
    marginText: [config.title, chapter.title],
    shrunk: shrunk.map((detail) => ({ kind: 'table', detail: `${chapter.source}: ${detail}` })),
  };
}

/** A complete HTML document linking the shared stylesheet, with a per-document style block. */
export function htmlDocument(lang: string, title: string, style: string, body: ElementContent[]): string {
  const root: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang }, [
        h('head', [h('meta', { charset: 'utf-8' }), h('title', title), h('link', { rel: 'stylesheet', href: sharedCssName }), h('style', style)]),
        h('body', body),
      ]),
    ],
  };
  return toHtml(root, { allowDangerousHtml: false });
}

/** Running heads: the book title on left pages, the chapter title on right pages, none on the opener. */
function runningHeadCss(bookTitle: string, chapterTitle: string): string {
  const box = 'font-family: "Noto Serif KR", serif; font-size: 7.5pt; color: #333; vertical-align: bottom; padding-bottom: 7mm;';
  return `@page :left { @top-left { ${box} content: ${cssString(bookTitle)}; } }
@page :right { @top-right { ${box} content: ${cssString(chapterTitle)}; } }
@page :first { @top-left { content: none; } @top-right { content: none; } }`;
}

/** Text as a CSS string literal. */
export function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ')}"`;
}

/**
 * Chromium writes a named destination only for ids that some link in the same document points
 * at. A hidden list of links to every id gives each heading, note and anchor its destination
 * without adding anything visible or clickable.
 */
function targetLinks(tree: Root): Element {
  const ids: string[] = [];
  visit(tree, 'element', (el: Element) => {
    if (el.properties.id !== undefined) ids.push(String(el.properties.id));
  });
  return h('nav', { hidden: true, ariaHidden: 'true', style: 'display:none' }, ids.map((id) => h('a', { href: `#${id}` })));
}

/** Splits code into line blocks and marks wide tables; returns what was set smaller. */
function prepareTree(tree: Root): string[] {
  const shrunk: string[] = [];
  visit(tree, 'element', (el: Element, _index, parent) => {
    if (el.tagName === 'code' && parent?.type === 'element' && parent.tagName === 'pre') {
      const lines = splitLines(el.children);
      // Trailing newline of the block: no empty last line.
      if (lines.length > 1 && lines.at(-1)?.length === 0) lines.pop();
      el.children = lines.map((line) => h('span', { className: ['line'] }, line));
      if (lines.length <= 12) parent.properties.className = [...classList(parent), 'short'];
      return 'skip';
    }
    if (el.tagName === 'table') {
      const columns = columnCount(el);
      if (columns > 5) {
        el.properties.className = [...classList(el), columns > 8 ? 'very-wide' : 'wide'];
        shrunk.push(`table with ${columns} columns set at ${columns > 8 ? '60' : '72'}% size`);
      }
      return 'skip';
    }
    return undefined;
  });
  return shrunk;
}

/** An element's classes as a list. */
function classList(el: Element): string[] {
  const c = el.properties.className;
  return Array.isArray(c) ? c.map(String) : c ? [String(c)] : [];
}

/** The number of cells in a table's widest row. */
function columnCount(table: Element): number {
  let max = 0;
  visit(table, 'element', (el: Element) => {
    if (el.tagName !== 'tr') return undefined;
    max = Math.max(max, el.children.filter((c) => c.type === 'element' && (c.tagName === 'td' || c.tagName === 'th')).length);
    return 'skip';
  });
  return max;
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
