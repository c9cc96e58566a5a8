/**
 * The HTML documents Chromium prints: one per top-level chapter with the sections nested under it,
 * so that every chapter starts a page, its nested sections follow on the next page or the same one,
 * and a changed chapter is the only one printed again. Printed on its own (the dev server's page
 * view), a document's first page is its `:first` page (the opener, without running head) and its
 * own `:right` page; in the book, heads and mirrored margins are set at assembly (running-heads.ts).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { EXIT, SKIP, visit } from '../../markdown/visit.js';
import { katexCss, katexDir } from '../../assets/katex-css.js';
import type { BookConfig } from '../../config/load.js';
import type { Asset, Chapter } from '../../manuscript/model.js';
import { copyTree } from '../../manuscript/parse.js';
import type { OutputPasses } from '../../markdown/passes.js';
import { hasClass } from '../../markdown/hast-classes.js';
import { printPasses, type BookPlugins } from '../../markdown/processor.js';
import { repeatedTitle } from '../toc.js';
import { fontFaceCss, fontVariablesCss, serifStack } from './fonts.js';
import { geometryOf, PX_PER_MM, type Geometry } from './geometry.js';
import { headBoxCss, rightHandPagesCss } from './running-heads.js';

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
  /** The text block in CSS px, when the footnotes go to the page feet (page-notes.ts); absent to keep them at the end. */
  pageNotes?: { width: number; height: number };
  /** Code lines and tables that were set smaller to fit the text block. */
  shrunk: { kind: string; detail: string }[];
}

/** Name of the stylesheet shared by all documents of a build (fonts, pages, print.css). */
export const sharedCssName = 'book.css';

/**
 * The shared CSS: the web fonts the book's characters (`used`) need and their stacks, the sheet
 * with mirrored margins, KaTeX's stylesheet when the book has formulas (`math`), syllable breaking
 * for justified Korean when the book asks for it (`koreanSyllables`), then the book's print.css.
 */
export function sharedCss(geometry: Geometry, language: string, printCss: string, used: ReadonlySet<number>, math = false, koreanSyllables = false): string {
  const { pageWidth, pageHeight, margins: m } = geometry;
  return `${fontFaceCss(language, used)}
${fontVariablesCss(language)}
@page { size: ${pageWidth}mm ${pageHeight}mm; margin: ${m.top}mm ${m.outer}mm ${m.bottom}mm ${m.inner}mm; }
@page :left { margin-left: ${m.outer}mm; margin-right: ${m.inner}mm; }
@page :right { margin-left: ${m.inner}mm; margin-right: ${m.outer}mm; }
:root { --font-size: ${geometry.fontSize}pt; }
/* The text is set to the same whole number of pixels before printing, in a viewport that width,
   where it is measured, and on paper, whose text block Chromium rounds its own way: so every line
   breaks in both where it does on paper (about 1px, a quarter of a millimetre, is given up). */
html { width: ${geometry.textWidthPx}px; }
/* No faked bold, whatever print.css says of fonts: Chromium prints a glyph emboldened by hand as a
   Type 3 font, which print shops reject; a face without its bold stays regular instead. */
html { font-synthesis-weight: none; }
${koreanSyllables ? `/* print.koreanLineBreak: syllable — justified Korean breaks between syllables, as KLREQ allows: lines
   before a long word no longer end short and stretched (bench/what-we-tried.md). */
:lang(ko) :is(p, li):not(:is(td, th) *) { word-break: normal; }
` : ''}${math ? `${katexCss((file) => pathToFileURL(path.join(katexDir, 'fonts', file)).href)}
` : ''}${printCss}`;
}

/**
 * The print passes of a book: the built-in ones with its text width, images (`assets`, for
 * SVG images with text) and way of printing link addresses, then its own print plugins.
 */
export function bookPrintPasses(config: BookConfig, plugins?: BookPlugins, assets?: ReadonlyMap<string, Asset>): OutputPasses {
  const links = { addresses: config.print.linkAddresses, language: config.language, labels: config.labels };
  return printPasses(codeLineCapacity(geometryOf(config.print)), plugins, assets, links);
}

/**
 * The chapters printed together as one document: each top-level chapter (or the chapter that
 * opens a part) with the sections nested under it in SUMMARY.md. Only a document's first page is
 * an opener, on a right-hand page; its nested sections start a new page, or run on, inside it.
 */
export function printGroups<T extends Pick<Chapter, 'depth' | 'partTitle'>>(chapters: readonly T[]): T[][] {
  const groups: T[][] = [];
  for (const chapter of chapters) {
    const group = groups.at(-1);
    if (group && chapter.depth > 0 && !chapter.partTitle) group.push(chapter);
    else groups.push([chapter]);
  }
  return groups;
}

/** The print document of one chapter alone (a group of one). */
export function chapterDocument(chapter: Chapter, config: BookConfig, passes = bookPrintPasses(config)): PrintDocument {
  return groupDocument([chapter], config, passes);
}

/**
 * The print document of a chapter and its nested sections (one of `printGroups`), made by the
 * print passes (`passes`, from `bookPrintPasses`). With `headsAtAssembly` (the book's build), its
 * running heads and mirrored margins are left to the assembly (running-heads.ts); else (a chapter
 * printed on its own) they come from its CSS.
 */
export function groupDocument(chapters: Chapter[], config: BookConfig, passes = bookPrintPasses(config), headsAtAssembly = false): PrintDocument {
  const [opener] = chapters as [Chapter, ...Chapter[]];
  const shrunk: string[] = [];
  const sections = chapters.map((chapter, i) => {
    const { tree: passed, file } = passes.run(chapter.tree, chapter.source);
    // The passes may leave the shared tree as it is: the content below must not change it.
    const tree = passed === chapter.tree ? copyTree(passed) : passed;
    shrunk.push(...(file.data.shrunk ?? []).map((detail) => `${chapter.source}: ${detail}`));
    printTitleOnce(tree, chapter);
    const content = tree.children as ElementContent[];
    if (chapter.partTitle) content.unshift(h('p', { className: ['part-title'] }, chapter.partTitle));
    const className = i === 0 ? ['chapter'] : ['chapter', 'nested', ...(config.print.sectionBreak === 'none' ? ['run-on'] : [])];
    return h('section', { className, id: chapter.id }, content);
  });
  renameRepeatedIds(sections);
  // On pages of their own, nested sections carry their own title in the running head.
  const named = config.print.sectionBreak === 'page' ? chapters.slice(1) : [];
  const style = headsAtAssembly ? rightHandPagesCss(geometryOf(config.print)) : runningHeadCss(config.title, opener.title, named, serifStack(config.language));
  return {
    name: opener.id,
    source: opener.source,
    ...documentParts(config.language, opener.title, style, [targetLinks(sections), ...sections], passes),
    marginText: headsAtAssembly ? [] : [config.title, ...chapters.map((c) => c.title)],
    ...(config.footnotes === 'page' ? { pageNotes: textBlockPx(geometryOf(config.print)) } : {}),
    shrunk: shrunk.map((detail) => ({ kind: 'table', detail })),
  };
}

/**
 * Leaves out a first section heading that repeats the chapter's title (the contents list it once
 * too). Its id moves into the title, as an empty element, so that links to it land on the words
 * they name; left in its place, the element would cost the paragraph after it its unindented start.
 */
function printTitleOnce(tree: Root, chapter: Chapter): void {
  const repeated = repeatedTitle(chapter);
  if (!repeated) return;
  const title = tree.children.find((c): c is Element => c.type === 'element' && c.tagName === 'h1');
  visit(tree, 'element', (el: Element, index, parent) => {
    if (el.properties.id !== repeated.id || !parent || index === undefined) return undefined;
    const anchor = h('span', { id: repeated.id });
    if (title) {
      parent.children.splice(index, 1);
      title.children.push(anchor);
    } else parent.children[index] = anchor;
    return EXIT;
  });
}

/**
 * Ids a chapter makes on its own (footnotes are numbered per chapter) repeat from chapter to
 * chapter: in a document of several, those of each later chapter get its id as a prefix, and so
 * do the links to them from inside it. Heading ids are unique in the book and never repeat.
 */
function renameRepeatedIds(sections: Element[]): void {
  const seen = new Set<string>();
  for (const section of sections) {
    const ids: Element[] = [];
    visit(section, 'element', (el: Element) => {
      // A drawn diagram's ids already carry its chapter's id, and its drawing refers to them.
      if (el.tagName === 'figure' && hasClass(el, 'diagram')) return SKIP;
      if (typeof el.properties.id === 'string' && el !== section) ids.push(el);
      return undefined;
    });
    const renamed = new Map<string, string>();
    for (const el of ids) {
      const id = el.properties.id as string;
      if (seen.has(id)) renamed.set(id, `${String(section.properties.id)}-${id}`);
      else seen.add(id);
    }
    if (!renamed.size) continue;
    visit(section, 'element', (el: Element) => {
      const { id, href } = el.properties;
      if (typeof id === 'string' && renamed.has(id)) el.properties.id = renamed.get(id);
      if (typeof href === 'string' && href.startsWith('#') && renamed.has(href.slice(1))) el.properties.href = `#${renamed.get(href.slice(1))}`;
    });
  }
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

/**
 * Running heads of a chapter printed on its own: the book title on left pages, the chapter title
 * on right pages, none on the opener. Each nested section in `named` is a named page of its own (which also breaks the page
 * before it), whose right pages carry its title.
 */
function runningHeadCss(bookTitle: string, chapterTitle: string, named: Chapter[], fontFamily: string): string {
  const box = headBoxCss(fontFamily);
  const sections = named.map((c) => `\n#${c.id} { page: ${c.id}; }\n@page ${c.id}:right { @top-right { content: ${cssString(c.title)}; } }`).join('');
  return `@page :left { @top-left { ${box} content: ${cssString(bookTitle)}; } }
@page :right { @top-right { ${box} content: ${cssString(chapterTitle)}; } }
@page :first { @top-left { content: none; } @top-right { content: none; } }${sections}`;
}

/** Text as a CSS string literal. */
export function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ')}"`;
}

/**
 * Chromium writes a named destination only for ids that some link in the same document points
 * at. A hidden list of links to every id gives each chapter, heading, note and anchor its
 * destination without adding anything visible or clickable.
 */
function targetLinks(sections: Element[]): Element {
  const ids: string[] = [];
  for (const section of sections) {
    visit(section, 'element', (el: Element) => {
      // A drawn diagram's ids are its drawing's own (markers, nodes): nothing links into it.
      if (el.tagName === 'figure' && hasClass(el, 'diagram')) return SKIP;
      if (el.properties.id !== undefined) ids.push(String(el.properties.id));
      return undefined;
    });
  }
  return h('nav', { hidden: true, ariaHidden: 'true', style: 'display:none' }, ids.map((id) => h('a', { href: `#${id}` })));
}

/**
 * The text block in whole CSS px, as the page notes lay pages out: a pixel short of Chromium's
 * page area, which it may round either way.
 */
function textBlockPx(geometry: Geometry): { width: number; height: number } {
  const { pageHeight, margins } = geometry;
  return { width: geometry.textWidthPx, height: Math.floor((pageHeight - margins.top - margins.bottom) * PX_PER_MM) - 1 };
}

/**
 * How many half-width characters fit on one code line (print.css: code at 0.86em, monospace with
 * half-width Latin, a 1.3em gutter and 0.8em of padding).
 */
function codeLineCapacity(geometry: Geometry): number {
  const fontPx = (geometry.fontSize * 0.86 * 96) / 72;
  return (geometry.textWidthPx - 2.1 * fontPx) / (0.5 * fontPx);
}
