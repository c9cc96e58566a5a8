/**
 * The HTML documents Chromium prints: one per chapter, so that every chapter's first page is the
 * document's `:first` page (the opener, without running head) and its own `:right` page, and so
 * that a changed chapter is the only one printed again.
 */
import type { Element, ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';
import type { BookConfig } from '../../config/load.js';
import type { Chapter } from '../../manuscript/model.js';
import { copyTree } from '../../manuscript/parse.js';
import { fontFaceCss, fontVariablesCss, serifStack } from './fonts.js';
import { geometryOf, type Geometry } from './geometry.js';

/** A document ready to print, with what the preflight needs to know about it. */
export interface PrintDocument {
  /** File name without extension (`ch01`, `front`); links between documents use it. */
  name: string;
  /** Where problems in it come from, for diagnostics (the chapter's source file). */
  source: string;
  lang: string;
  title: string;
  /** The document's own CSS (its running heads), on top of the shared stylesheet. */
  style: string;
  /** The body's content as HTML. */
  body: string;
  /** Text that appears only in margin boxes: its glyphs must be loaded before printing. */
  marginText: string[];
  /** Code lines and tables that were set smaller to fit the text block. */
  shrunk: { kind: string; detail: string }[];
}

/** Name of the stylesheet shared by all documents of a build (fonts, pages, print.css). */
export const sharedCssName = 'book.css';

/**
 * The shared CSS: the web fonts the book's characters (`used`) need and their stacks, the sheet
 * with mirrored margins, then the book's print.css.
 */
export function sharedCss(geometry: Geometry, language: string, printCss: string, used: ReadonlySet<number>): string {
  const { pageWidth, pageHeight, margins: m } = geometry;
  return `${fontFaceCss(language, used)}
${fontVariablesCss(language)}
@page { size: ${pageWidth}mm ${pageHeight}mm; margin: ${m.top}mm ${m.outer}mm ${m.bottom}mm ${m.inner}mm; }
@page :left { margin-left: ${m.outer}mm; margin-right: ${m.inner}mm; }
@page :right { margin-left: ${m.inner}mm; margin-right: ${m.outer}mm; }
:root { --font-size: ${geometry.fontSize}pt; }
/* No faked bold, whatever print.css says of fonts: Chromium prints a glyph emboldened by hand as a
   Type 3 font, which print shops reject; a face without its bold stays regular instead. */
html { font-synthesis-weight: none; }
${printCss}`;
}

/** The print document of one chapter. */
export function chapterDocument(chapter: Chapter, config: BookConfig): PrintDocument {
  const tree = copyTree(chapter.tree);
  const shrunk = prepareTree(tree, codeLineCapacity(geometryOf(config.print)));
  const body: ElementContent[] = [];
  body.push(targetLinks(tree));
  const content = tree.children as ElementContent[];
  if (chapter.partTitle) content.unshift(h('p', { className: ['part-title'] }, chapter.partTitle));
  body.push(h('section', { className: ['chapter'], id: chapter.id }, content));
  const heads = runningHeadCss(config.title, chapter.title, serifStack(config.language));
  return {
    name: chapter.id,
    source: chapter.source,
    ...documentParts(config.language, chapter.title, heads, body),
    marginText: [config.title, chapter.title],
    shrunk: shrunk.map((detail) => ({ kind: 'table', detail: `${chapter.source}: ${detail}` })),
  };
}

/** The parts of a print document: the renderer puts them into a page that already has the fonts. */
export function documentParts(lang: string, title: string, style: string, body: ElementContent[]): Pick<PrintDocument, 'lang' | 'title' | 'style' | 'body'> {
  return { lang, title, style, body: toHtml({ type: 'root', children: body }) };
}

/**
 * The page every document is printed in: the shared stylesheet is loaded once per tab and each
 * document only replaces the language, title, running-head style and body. Loading a new page
 * per chapter made Chromium decode the web fonts again every time.
 */
export const shellHtml = `<!doctype html><html><head><meta charset="utf-8"><title></title><link rel="stylesheet" href="${sharedCssName}"><style id="document-style"></style></head><body></body></html>`;

/** Running heads: the book title on left pages, the chapter title on right pages, none on the opener. */
function runningHeadCss(bookTitle: string, chapterTitle: string, fontFamily: string): string {
  // One line, cut with an ellipsis: a long title would otherwise take two lines of the top margin.
  const box = `font-family: ${fontFamily}; font-size: 7.5pt; color: #333; vertical-align: bottom; padding-bottom: 7mm; white-space: nowrap; overflow: hidden; text-overflow: ellipsis;`;
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

/**
 * How many half-width characters fit on one code line (print.css: code at 0.86em, monospace with
 * half-width Latin, a 1.3em gutter and 0.8em of padding).
 */
function codeLineCapacity(geometry: Geometry): number {
  const fontPx = (geometry.fontSize * 0.86 * 96) / 72;
  return (geometry.textWidthPx - 2.1 * fontPx) / (0.5 * fontPx);
}

/** A line's width in half-width characters: Hangul, CJK and full-width forms count double. */
function lineWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch === '\t' ? 4 : /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return width;
}

/**
 * Splits code into line blocks, marking the lines long enough to wrap (only those carry the ↪
 * continuation mark: drawing it on every line made printing several times slower), marks
 * wide tables, opens collapsed <details> and marks written-out addresses; returns what was set smaller.
 */
function prepareTree(tree: Root, capacity: number): string[] {
  const shrunk: string[] = [];
  visit(tree, 'element', (el: Element, _index, parent) => {
    if (el.tagName === 'code' && parent?.type === 'element' && parent.tagName === 'pre') {
      const lines = splitLines(el.children);
      // Trailing newline of the block: no empty last line.
      if (lines.length > 1 && lines.at(-1)?.length === 0) lines.pop();
      // A little slack: the estimate must never miss a line that wraps.
      el.children = lines.map((line) => h('span', { className: lineWidth(toString(h('span', line))) > capacity * 0.9 ? ['line', 'wraps'] : ['line'] }, line));
      if (lines.length <= 12) parent.properties.className = [...classList(parent), 'short'];
      return 'skip';
    }
    // Paper cannot be clicked open: a collapsed <details> would print its summary alone.
    if (el.tagName === 'details') el.properties.open = true;
    if (el.tagName === 'a' && /^(https?:\/\/|www\.)\S+$/.test(toString(el).trim())) el.properties.className = [...classList(el), 'url'];
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
