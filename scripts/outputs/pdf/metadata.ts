/**
 * Document information. Dates come from the configuration (SOURCE_DATE_EPOCH wins there) and the
 * producer is fixed, so the same manuscript gives the same bytes.
 */
import { createHash } from 'node:crypto';
import { PDFHexString, type PDFDocument } from 'pdf-lib';
import type { BookConfig } from '../../config/load.js';
import { toolName, toolVersion } from '../../tool-root.js';

/** The name written as creator and producer. */
const tool = `${toolName} ${toolVersion} (Chromium + pdf-lib)`;

/** Sets title, author, subject, keywords, language and dates; the viewer shows the title. */
export function setMetadata(book: PDFDocument, config: BookConfig): void {
  book.setTitle(config.subtitle ? `${config.title}: ${config.subtitle}` : config.title, { showInWindowTitleBar: true });
  book.setAuthor(config.authors.join(', '));
  if (config.description) book.setSubject(config.description);
  if (config.subjects.length) book.setKeywords(config.subjects.map((s) => s.name));
  book.setLanguage(config.language);
  book.setCreator(tool);
  book.setProducer(tool);
  book.setCreationDate(config.modified);
  book.setModificationDate(config.modified);
  // A stable file identifier derived from the book's identifier keeps the bytes reproducible.
  const id = PDFHexString.of(createHash('md5').update(config.identifier).digest('hex'));
  book.context.trailerInfo.ID = book.context.obj([id, id]);
}
