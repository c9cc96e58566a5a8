/** The characters a printed book shows, so that its stylesheet lists only the font families it needs. */
import type { Element } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from '../../markdown/visit.js';
import { svgDrawnText } from '../../assets/svg-text.js';
import type { Asset, Chapter, Manuscript } from '../../manuscript/model.js';

/** Code points of the chapters' text, the metadata and labels on the front matter, and the print stylesheet (its generated content). */
export function bookCharacters(manuscript: Manuscript, printCss: string, chapters = manuscript.chapters.map((c) => chapterCharacters(c, manuscript.assets))): Set<number> {
  const used = new Set<number>();
  const add = (text: string | undefined): void => {
    for (const char of text ?? '') used.add(char.codePointAt(0) as number);
  };
  const { config } = manuscript;
  for (const text of [config.title, config.subtitle, ...config.people.map((person) => person.name), config.publisher, config.rights, config.date, config.isbn, ...Object.values(config.labels)]) add(text);
  for (const chapter of manuscript.chapters) add(chapter.partTitle);
  for (const set of chapters) for (const c of set) used.add(c);
  add(printCss);
  return used;
}

/**
 * Code points of one chapter's text, and of the text its SVG images draw: those print in the
 * book's fonts too (rehype-print-svg-images), so the stylesheet must list the faces they need.
 */
export function chapterCharacters(chapter: Chapter, assets: ReadonlyMap<string, Asset>): Set<number> {
  const used = new Set<number>();
  const add = (text: string): void => {
    for (const char of text) used.add(char.codePointAt(0) as number);
  };
  add(toString(chapter.tree));
  visit(chapter.tree, 'element', (el: Element) => {
    const image = el.tagName === 'img' && typeof el.properties.src === 'string' ? assets.get(el.properties.src) : undefined;
    if (image?.mediaType === 'image/svg+xml') add(svgDrawnText(image.data));
  });
  return used;
}
