/** The characters a printed book shows, so that its stylesheet lists only the font families it needs. */
import { toString } from 'hast-util-to-string';
import type { Chapter, Manuscript } from '../../manuscript/model.js';

/** Code points of the chapters' text, the metadata and labels on the front matter, and the print stylesheet (its generated content). */
export function bookCharacters(manuscript: Manuscript, printCss: string, chapters = manuscript.chapters.map(chapterCharacters)): Set<number> {
  const used = new Set<number>();
  const add = (text: string | undefined): void => {
    for (const char of text ?? '') used.add(char.codePointAt(0) as number);
  };
  const { config } = manuscript;
  for (const text of [config.title, config.subtitle, ...config.authors, config.publisher, config.rights, config.date, config.isbn, ...Object.values(config.labels)]) add(text);
  for (const chapter of manuscript.chapters) add(chapter.partTitle);
  for (const set of chapters) for (const c of set) used.add(c);
  add(printCss);
  return used;
}

/** Code points of one chapter's text. */
export function chapterCharacters(chapter: Chapter): Set<number> {
  const used = new Set<number>();
  for (const char of toString(chapter.tree)) used.add(char.codePointAt(0) as number);
  return used;
}
