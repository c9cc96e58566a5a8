/**
 * The front matter document: title page, copyright page and the table of contents. It is printed
 * last, when the chapters' page numbers are known; the numbers are plain text and the dot leaders
 * are a dotted border that stretches between title and number.
 */
import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import type { BookConfig } from '../../config/load.js';
import { flattenToc, type TocEntry } from '../toc.js';
import { documentParts, type PrintDocument } from './chapter-html.js';
import { serializeOnly } from '../../markdown/passes.js';
import { titlePage, titlePublisher } from '../front-matter.js';

/** Name of the front matter document. */
export const frontName = 'front';

/** Pages before the table of contents: the title page and the copyright page. */
export const pagesBeforeToc = 2;

/** The front matter, with each TOC entry's page number from `pageOf` (the folio as printed). */
export function frontMatterDocument(config: BookConfig, toc: TocEntry[], pageOf: (entry: TocEntry) => string): PrintDocument {
  const colophon = h(
    'section',
    { className: ['colophon'] },
    [config.title, config.authors.join(', '), titlePublisher(config), config.date, config.isbn ? `ISBN ${config.isbn}` : undefined, config.rights]
      .filter((line): line is string => Boolean(line))
      .map((line) => h('p', line)),
  );
  // Headings are indented relative to their chapter, whatever the chapter's own nesting.
  const chapterLevel = new Map<string, number>();
  const items = flattenToc(toc).map(({ entry, level }) => {
    if (entry.chapter && !entry.id) chapterLevel.set(entry.chapter.id, level);
    const depth = entry.chapter && entry.id ? Math.min(2, level - (chapterLevel.get(entry.chapter.id) ?? 0)) : 0;
    return tocItem(entry, depth, pageOf);
  });
  const nav = h('nav', { className: ['toc'], role: 'doc-toc' }, [h('h1', config.labels.toc), h('ol', items)]);
  return {
    name: frontName,
    source: 'front matter',
    ...documentParts(config.language, config.title, '', [titlePage(config), colophon, nav], serializeOnly),
    marginText: [],
    shrunk: [],
  };
}

/** One line of the contents: title, leader, page number; a part title has no page. */
function tocItem(entry: TocEntry, depth: number, pageOf: (entry: TocEntry) => string): ElementContent {
  if (!entry.chapter) return h('li', { className: ['part'] }, entry.title);
  const href = `${entry.chapter.id}.html${entry.id ? `#${entry.id}` : ''}`;
  return h('li', { className: [`level-${depth}`] }, [
    h('a', { href }, [h('span', { className: ['toc-title'] }, entry.title), h('span', { className: ['toc-leader'], ariaHidden: 'true' }), h('span', { className: ['toc-page'] }, pageOf(entry))]),
  ]);
}
