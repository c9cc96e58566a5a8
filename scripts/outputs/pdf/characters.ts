/** The characters a printed book shows, so that its stylesheet lists only the font families it needs. */
import { toString } from 'hast-util-to-string';
import type { Manuscript } from '../../manuscript/model.js';

/** Code points of the chapters' text, the metadata and labels on the front matter, and the print stylesheet (its generated content). */
export function bookCharacters(manuscript: Manuscript, printCss: string): Set<number> {
  const used = new Set<number>();
  const add = (text: string | undefined): void => {
    for (const char of text ?? '') used.add(char.codePointAt(0) as number);
  };
  const { config } = manuscript;
  for (const text of [config.title, config.subtitle, ...config.authors, config.publisher, config.rights, config.date, config.isbn, ...Object.values(config.labels)]) add(text);
  for (const chapter of manuscript.chapters) {
    add(chapter.partTitle);
    add(toString(chapter.tree));
  }
  add(printCss);
  return used;
}
