/**
 * The HTML documents Chromium prints: one per chapter, so that every chapter's first page is the
 * document's `:first` page (the opener, without running head) and its own `:right` page, and so
 * that a changed chapter is the only one printed again.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { SKIP, visit } from 'unist-util-visit';
import { katexCss, katexDir } from '../../assets/katex-css.js';
import type { BookConfig } from '../../config/load.js';
import type { Asset, Chapter } from '../../manuscript/model.js';
import { copyTree } from '../../manuscript/parse.js';
import type { OutputPasses } from '../../markdown/passes.js';
import { hasClass } from '../../markdown/hast-classes.js';
import { printPasses, type BookPlugins } from '../../markdown/processor.js';
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
 * with mirrored margins, KaTeX's stylesheet when the book has formulas (`math`), then the book's
 * print.css.
 */
export function sharedCss(geometry: Geometry, language: string, printCss: string, used: ReadonlySet<number>, math = false): string {
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
${math ? `${katexCss((file) => pathToFileURL(path.join(katexDir, 'fonts', file)).href)}
` : ''}${printCss}`;
}

/**
 * The print passes of a book: the built-in ones with its text width and images (`assets`, for
 * SVG images with text), then its own print plugins.
 */
export function bookPrintPasses(config: BookConfig, plugins?: BookPlugins, assets?: ReadonlyMap<string, Asset>): OutputPasses {
  return printPasses(codeLineCapacity(geometryOf(config.print)), plugins, assets);
}

/** The print document of one chapter, made by the print passes (`passes`, from `bookPrintPasses`). */
export function chapterDocument(chapter: Chapter, config: BookConfig, passes = bookPrintPasses(config)): PrintDocument {
  const { tree: passed, file } = passes.run(chapter.tree, chapter.source);
  // The passes may leave the shared tree as it is: the content below must not change it.
  const tree = passed === chapter.tree ? copyTree(passed) : passed;
  const shrunk = file.data.shrunk ?? [];
  const body: ElementContent[] = [];
  body.push(targetLinks(tree));
  const content = tree.children as ElementContent[];
  if (chapter.partTitle) content.unshift(h('p', { className: ['part-title'] }, chapter.partTitle));
  body.push(h('section', { className: ['chapter'], id: chapter.id }, content));
  const heads = runningHeadCss(config.title, chapter.title, serifStack(config.language));
  return {
    name: chapter.id,
    source: chapter.source,
    ...documentParts(config.language, chapter.title, heads, body, passes),
    marginText: [config.title, chapter.title],
    shrunk: shrunk.map((detail) => ({ kind: 'table', detail: `${chapter.source}: ${detail}` })),
  };
}

/** The parts of a print document: the renderer puts them into a page that already has the fonts. */
export function documentParts(lang: string, title: string, style: string, body: ElementContent[], passes: OutputPasses): Pick<PrintDocument, 'lang' | 'title' | 'style' | 'body'> {
  return { lang, title, style, body: passes.stringify({ type: 'root', children: body }) };
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
    // A drawn diagram's ids are its drawing's own (markers, nodes): nothing links into it.
    if (el.tagName === 'figure' && hasClass(el, 'diagram')) return SKIP;
    if (el.properties.id !== undefined) ids.push(String(el.properties.id));
    return undefined;
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
