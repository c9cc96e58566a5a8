/**
 * The book as plain HTML pages, one per chapter plus a contents page, for the live preview.
 * Pages keep the publication's names (`ch02.xhtml`, `images/…`) so links between chapters and
 * images resolve exactly as in the EPUB. The caller adds its own head and body elements
 * (stylesheets, the dev toolbar), so this renderer knows nothing about the server.
 */
import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import { Cache } from '../../cache/cache.js';
import type { Key } from '../../cache/store.js';
import { textDirection } from '../../config/language.js';
import { chapterHref } from '../../manuscript/load.js';
import type { Chapter, Manuscript } from '../../manuscript/model.js';
import { previewPasses } from '../../markdown/processor.js';
import { buildToc, type TocEntry } from '../toc.js';

/** What the caller puts around the book's content. */
export interface PageFrame {
  /** Elements appended to <head> (stylesheets, scripts). */
  head: ElementContent[];
  /** Elements placed before the content in <body>. */
  before: ElementContent[];
  /** Attributes of the <html> element (data-* for scripts). */
  htmlProperties?: Record<string, string>;
}

// Serializing a chapter is the costly part of a page. A chapter loaded with a cache (the dev
// server's) has a content address, which it keeps across rebuilds while it is unchanged.
const chapterHtml = new Cache().namespace<string>('chapter-html');

/** The manuscript the latest page was made from; a newer one means the book was rebuilt. */
let shown: WeakRef<Manuscript> | undefined;

/** One chapter as a complete HTML document. */
export function chapterPage(manuscript: Manuscript, chapter: Chapter, frame: PageFrame): string {
  const body = chapterBody(manuscript, chapter);
  const previous = manuscript.chapters[chapter.index - 1];
  const next = manuscript.chapters[chapter.index + 1];
  const nav = h('nav.book-pager', { 'aria-label': 'pager' }, [
    previous ? h('a', { rel: 'prev', href: chapterHref(previous) }, `← ${previous.title}`) : h('span'),
    next ? h('a', { rel: 'next', href: chapterHref(next) }, `${next.title} →`) : h('span'),
  ]);
  return documentOf(manuscript, chapter.title, frame, `<section role="doc-chapter" id="${chapter.id}">${body}</section>`, [nav]);
}

/** A chapter's content after the preview's passes, as HTML; cached when its tree has a content address. */
function chapterBody(manuscript: Manuscript, chapter: Chapter): string {
  if (manuscript !== shown?.deref()) {
    // After a rebuild, the chapters still in the book keep their pages; the others go.
    chapterHtml.sweep(manuscript.chapters.flatMap((c) => bodyKey(c) ?? []));
    shown = new WeakRef(manuscript);
  }
  const key = bodyKey(chapter);
  let body = key && chapterHtml.get(key);
  if (body === undefined) {
    const passes = previewPasses(manuscript.plugins);
    body = passes.stringify(passes.run(chapter.tree, chapter.source).tree);
    if (key) chapterHtml.set(key, body);
  }
  return body;
}

/** Where a chapter's page body is cached: its tree's content address, and its source (the passes see the file). */
function bodyKey(chapter: Chapter): Key | undefined {
  return chapter.treeKey === undefined ? undefined : chapterHtml.key(chapter.treeKey, chapter.source);
}

/** The contents page: title, authors and the nested table of contents. */
export function contentsPage(manuscript: Manuscript, frame: PageFrame): string {
  const { config } = manuscript;
  const content = h('nav#toc', { role: 'doc-toc' }, [h('h1', config.title), h('p.book-authors', config.authors.join(', ')), tocList(buildToc(manuscript, config.toc.depth))]);
  return documentOf(manuscript, config.title, frame, toHtml(content), []);
}

/** A page with no book content (the book failed to load, or the address is unknown). */
export function emptyPage(lang: string, title: string, frame: PageFrame): string {
  return wrap(lang, title, frame, '');
}

/** The nested contents list; part titles have no page, so they are plain text. */
function tocList(entries: TocEntry[]): ElementContent {
  return h(
    'ol',
    entries.map((e) => {
      const href = e.chapter && (e.id ? `${chapterHref(e.chapter)}#${e.id}` : chapterHref(e.chapter));
      const label = href ? h('a', { href }, e.title) : h('span', e.title);
      return h('li', e.children.length ? [label, tocList(e.children)] : [label]);
    }),
  );
}

/** A book page: the caller's frame, the content, then the pager. */
function documentOf(manuscript: Manuscript, title: string, frame: PageFrame, content: string, after: ElementContent[]): string {
  return wrap(manuscript.config.language, title, frame, `<main class="book-content">${content}</main>${toHtml(after)}`);
}

/** The HTML5 document around a serialized body. */
function wrap(lang: string, title: string, frame: PageFrame, body: string): string {
  const head = toHtml([h('meta', { charset: 'utf-8' }), h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }), h('title', title), ...frame.head]);
  const dir = textDirection(lang) === 'rtl' ? 'rtl' : undefined;
  const attributes = toHtml(h('html', { lang, dir, ...frame.htmlProperties })).replace(/<\/html>$/, '');
  return `<!doctype html>\n${attributes}<head>${head}</head><body>${toHtml(frame.before)}${body}</body></html>\n`;
}
