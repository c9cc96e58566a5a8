/**
 * The title page and the copyright page as the metadata makes them, shared by the outputs: what
 * each page says is read from the config here only, so the EPUB and the PDF never disagree.
 */
import type { Element, ElementContent, Properties } from 'hast';
import { h } from 'hastscript';
import type { Labels } from '../config/labels.js';
import type { BookConfig } from '../config/load.js';

/** The people of one role, with the role's word in the book's language. */
export interface Credit {
  /** The MARC relator code. */
  role: string;
  label: string;
  names: string[];
}

/** The publisher as the title page names it: a self-published book's author would be named twice. */
export function titlePublisher(config: BookConfig): string | undefined {
  return config.publisher && !config.authors.includes(config.publisher) ? config.publisher : undefined;
}

/** The book's people grouped by role, in the order the metadata names them (authors first). */
export function credits(config: BookConfig): Credit[] {
  const byRole = new Map<string, string[]>();
  for (const person of config.people) byRole.set(person.role, [...(byRole.get(person.role) ?? []), person.name]);
  return [...byRole].map(([role, names]) => ({ role, label: config.labels[role as keyof Labels] ?? role, names }));
}

/** The title page: title, subtitle, authors, the other contributors with their roles, publisher. */
export function titlePage(config: BookConfig, properties: Properties = {}): Element {
  const publisher = titlePublisher(config);
  return h('section', { ...properties, className: ['title-page'] }, [
    h('h1', { className: ['book-title'] }, config.title),
    config.subtitle ? h('p', { className: ['subtitle'] }, config.subtitle) : undefined,
    h('p', { className: ['authors'] }, config.authors.join(', ')),
    // The authors' line says who wrote the book; everyone else is named with what they did.
    ...credits(config)
      .filter((credit) => credit.role !== 'aut')
      .map((credit) => h('p', { className: ['contributor'] }, [h('span', { className: ['role'] }, credit.label), ` ${credit.names.join(', ')}`])),
    publisher ? h('p', { className: ['publisher'] }, publisher) : undefined,
  ]);
}

/**
 * The copyright page: title, edition, credits, publisher, date, series, ISBN (else the
 * identifier, so the text names the file the stores list), then the rights line.
 */
export function copyrightPage(config: BookConfig, properties: Properties = {}): Element {
  const { labels } = config;
  // One line per term (names of one role share it), so the term can sit beside its value.
  const terms: [string, string][] = credits(config).map((credit) => [credit.label, credit.names.join(', ')]);
  if (config.publisher) terms.push([labels.publisher, config.publisher]);
  if (config.date) terms.push([labels.published, publicationDate(config.date, config.language)]);
  if (config.series) terms.push([labels.series, config.series.position ? `${config.series.name} (${labels.volume.replaceAll('{n}', config.series.position)})` : config.series.name]);
  terms.push(config.isbn ? ['ISBN', config.isbn] : [labels.identifier, config.identifier]);
  const list: ElementContent[] = terms.flatMap(([term, value]) => [h('dt', term), h('dd', value)]);
  return h('section', { ...properties, className: ['copyright-page'], ariaLabel: labels.copyrightPage }, [
    h('p', { className: ['book-title'] }, config.subtitle ? `${config.title}: ${config.subtitle}` : config.title),
    config.edition ? h('p', { className: ['edition'] }, config.edition) : undefined,
    h('dl', { className: ['credits'] }, list),
    config.rights ? h('p', { className: ['rights'] }, config.rights) : undefined,
  ]);
}

/** A YYYY, YYYY-MM or YYYY-MM-DD date as the book's language writes it ("2021년 4월 29일", "April 29, 2021"). */
export function publicationDate(date: string, language: string): string {
  const [year = 0, month, day] = date.split('-').map(Number);
  const fields: Intl.DateTimeFormatOptions = day ? { dateStyle: 'long' } : month ? { year: 'numeric', month: 'long' } : { year: 'numeric' };
  try {
    return new Intl.DateTimeFormat(language, { ...fields, timeZone: 'UTC' }).format(Date.UTC(year, (month ?? 1) - 1, day ?? 1));
  } catch {
    // The schema's pattern lets through a few tags Intl refuses (`en-a1`): the date is shown as written then.
    return date;
  }
}
