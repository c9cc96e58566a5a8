/**
 * Document information, in the Info dictionary and as an XMP packet (which PDF 2.0 and PDF/UA read
 * instead). Dates come from the configuration (SOURCE_DATE_EPOCH wins there) and the producer is
 * fixed, so the same manuscript gives the same bytes.
 */
import { createHash } from 'node:crypto';
import { PDFHexString, PDFName, type PDFDocument } from 'pdf-lib';
import type { BookConfig } from '../../config/load.js';
import { toolName, toolVersion } from '../../tool-root.js';
import { escapeXml } from '../xhtml.js';

/** The name written as creator and producer. */
const tool = `${toolName} ${toolVersion} (Chromium + pdf-lib)`;

/** Sets title, author, subject, keywords, language and dates; the viewer shows the title. */
export function setMetadata(book: PDFDocument, config: BookConfig): void {
  const title = config.subtitle ? `${config.title}: ${config.subtitle}` : config.title;
  book.setTitle(title, { showInWindowTitleBar: true });
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
  // UTF-8 bytes (a string would be cut to Latin-1), uncompressed so that tools scanning the file find it.
  const xmp = book.context.stream(Buffer.from(xmpPacket(title, config), 'utf8'), { Type: 'Metadata', Subtype: 'XML' });
  book.catalog.set(PDFName.of('Metadata'), book.context.register(xmp));
}

/** The XMP packet: the same title, authors, description, subjects, language, dates and tool as the Info dictionary. */
function xmpPacket(title: string, config: BookConfig): string {
  const date = config.modified.toISOString().replace(/\.\d{3}Z$/, 'Z');
  /** An rdf:Alt, rdf:Seq or rdf:Bag of escaped items. */
  const list = (kind: 'Alt' | 'Seq' | 'Bag', items: string[]): string =>
    `<rdf:${kind}>${items.map((item) => `<rdf:li${kind === 'Alt' ? ' xml:lang="x-default"' : ''}>${escapeXml(item)}</rdf:li>`).join('')}</rdf:${kind}>`;
  const fields = [
    '<dc:format>application/pdf</dc:format>',
    `<dc:title>${list('Alt', [title])}</dc:title>`,
    `<dc:creator>${list('Seq', config.authors)}</dc:creator>`,
    `<dc:language>${list('Bag', [config.language])}</dc:language>`,
    `<dc:identifier>${escapeXml(config.identifier)}</dc:identifier>`,
    config.description ? `<dc:description>${list('Alt', [config.description])}</dc:description>` : '',
    config.subjects.length ? `<dc:subject>${list('Bag', config.subjects.map((s) => s.name))}</dc:subject>` : '',
    config.rights ? `<dc:rights>${list('Alt', [config.rights])}</dc:rights>` : '',
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    `<xmp:CreatorTool>${escapeXml(tool)}</xmp:CreatorTool>`,
    `<pdf:Producer>${escapeXml(tool)}</pdf:Producer>`,
    config.subjects.length ? `<pdf:Keywords>${escapeXml(config.subjects.map((s) => s.name).join(' '))}</pdf:Keywords>` : '',
  ];
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    ...fields.filter(Boolean),
    '</rdf:Description></rdf:RDF></x:xmpmeta>',
    '<?xpacket end="r"?>',
  ].join('\n');
}
