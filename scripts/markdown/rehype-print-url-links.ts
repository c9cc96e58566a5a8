/**
 * Print only. Links as paper needs them. A written-out address (`https://…`, `www.…`) gets the
 * class `url` and breaks only after `/ . - _ ?`: each stretch up to such a mark is a span kept
 * whole (print.css), with a <wbr> after it, never a character that would be copied with the
 * address. An external link whose text is something else gets its address printed, since a
 * reader of paper cannot follow it: after the text in parentheses (`after`), as a note in the
 * chapter's notes like a Markdown footnote (`footnote`), or not at all (`none`). Links inside the
 * book are left as they are: the PDF turns them into destinations.
 */
import type { Element, ElementContent, Parents, Root } from 'hast';
import { h } from 'hastscript';
import { toString } from 'hast-util-to-string';
import { SKIP, visit } from './visit.js';
import { cjkScript } from '../config/language.js';
import { addClass, hasClass } from './hast-classes.js';

/** Where an external link's address is printed (book.yaml `print.linkAddresses`). */
export type LinkAddresses = 'after' | 'footnote' | 'none';

export interface UrlLinksOptions {
  addresses?: LinkAddresses;
  /** The book's language: Korean, Chinese and Japanese put the parenthesis right after the word. */
  language?: string;
  /** The notes list's title and the back link's label, for a chapter that has no notes yet. */
  labels?: { footnotes: string; backToText: string };
}

/** A link whose address is printed, with the element it sits in. */
interface AddressedLink {
  link: Element;
  parent: Parents;
  address: string;
}

const writtenOut = /^(https?:\/\/|www\.)\S+$/;
// Marks after which an address may break; a run of them (`://`) stays together.
const urlPieces = /[^/.\-_?]*[/.\-_?]+|[^/.\-_?]+$/g;

/** The unified plugin. */
export default function rehypePrintUrlLinks(options: UrlLinksOptions = {}) {
  const addresses = options.addresses ?? 'after';
  const spaced = options.language === undefined || cjkScript(options.language) === undefined;
  const labels = options.labels ?? { footnotes: 'Notes', backToText: 'Back to text' };
  return (tree: Root): void => {
    const found: AddressedLink[] = [];
    visit(tree, 'element', (el: Element, _index, parent) => {
      // Code is printed as written: its links need no breaking rules of their own.
      if (el.tagName === 'pre') return SKIP;
      // A heading carries no address: it would run into the running head and the contents' look.
      if (/^h[1-6]$/.test(el.tagName)) return SKIP;
      if (el.tagName !== 'a' || !parent) return undefined;
      const text = toString(el).trim();
      if (writtenOut.test(text)) {
        addClass(el, 'url');
        breakOnlyAfterMarks(el);
      } else if (addresses !== 'none' && text !== '') {
        const address = externalAddress(el.properties.href);
        if (address !== undefined && !sameAddress(text, address)) found.push({ link: el, parent, address });
      }
      return SKIP;
    });
    const notes = addresses === 'footnote' ? notesSection(tree) : undefined;
    const inNotes = new Set(notes ? found.filter((f) => isInside(notes, f.link)) : []);
    // A note cannot hold a note: links inside the notes get their address after them.
    for (const f of found) if (addresses === 'after' || inNotes.has(f)) printAfter(f, spaced);
    const toNotes = found.filter((f) => !inNotes.has(f));
    if (addresses === 'footnote' && toNotes.length) {
      const section = notes ?? appendNotesSection(tree, labels.footnotes);
      addNotes(toNotes, section, labels.backToText);
      renumberNotes(tree, section);
    }
  };
}

/** The address an external link leads to, as printed (`mailto:` left off); undefined for links inside the book. */
function externalAddress(href: unknown): string | undefined {
  if (typeof href !== 'string') return undefined;
  if (/^mailto:/i.test(href)) return href.slice('mailto:'.length);
  return /^(https?|ftp):\/\//i.test(href) ? href : undefined;
}

/** Whether a link's text already says its address (`docs.docker.com` for `https://docs.docker.com/`). */
function sameAddress(text: string, address: string): boolean {
  const bare = (s: string): string => s.toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/^www\./, '').replace(/\/$/, '');
  return bare(text) === bare(address);
}

/** A written-out address's text as pieces kept whole, each followed by a break opportunity. */
function urlParts(address: string): ElementContent[] {
  const pieces = address.match(urlPieces) ?? [address];
  return pieces.flatMap((piece, i) => {
    const part = h('span', { className: ['url-part'] }, piece);
    return i < pieces.length - 1 ? [part, h('wbr')] : [part];
  });
}

/** Splits a link that shows its address into pieces, when its text is plain (not code or emphasis). */
function breakOnlyAfterMarks(link: Element): void {
  if (link.children.every((c) => c.type === 'text')) link.children = urlParts(toString(link));
}

/**
 * Prints the address after the link, in parentheses: `공식 도커 문서(https://docs.docker.com/)를`.
 * The closing parenthesis keeps what follows it up to the next space (a particle, a comma) on its
 * line: a line never starts with `를` or `,` cut off from its word.
 */
function printAfter({ link, parent, address }: AddressedLink, spaced: boolean): void {
  const at = parent.children.indexOf(link) + 1;
  const next = parent.children[at];
  const word = next?.type === 'text' ? (/^\S*/.exec(next.value)?.[0] ?? '') : '';
  if (word && next?.type === 'text') next.value = next.value.slice(word.length);
  const shown = h('a', { href: link.properties.href, className: ['url'] }, urlParts(address));
  const end = h('span', { className: ['link-address-end'] }, [h('span', { className: ['link-address'] }, ')'), ...(word ? [word] : [])]);
  const inserted: ElementContent[] = [h('span', { className: ['link-address'] }, ['(', shown]), end];
  parent.children.splice(at, 0, ...(spaced ? [{ type: 'text' as const, value: ' ' }, ...inserted] : inserted));
}

/** The chapter's notes list (rehype-footnotes), if it has one. */
function notesSection(tree: Root): Element | undefined {
  let section: Element | undefined;
  visit(tree, 'element', (el: Element) => {
    if (el.tagName === 'section' && hasClass(el, 'footnotes')) section = el;
    return section ? SKIP : undefined;
  });
  return section;
}

/** Whether `node` is `ancestor` or inside it. */
function isInside(ancestor: Element, node: Element): boolean {
  let inside = false;
  visit(ancestor, 'element', (el: Element) => {
    if (el === node) inside = true;
  });
  return inside;
}

/** A notes list at the chapter's end, made as rehype-footnotes makes one. */
function appendNotesSection(tree: Root, title: string): Element {
  const section = h('section', { className: ['footnotes'], 'epub:type': 'footnotes', role: 'doc-endnotes' }, [h('h2', { className: ['footnotes-title'] }, title)]);
  tree.children.push(section);
  return section;
}

/**
 * A note reference after each link and a note with its address in `section`; links to the same
 * address share one note. Numbers are set afterwards, in reading order.
 */
function addNotes(links: AddressedLink[], section: Element, backLabel: string): void {
  const notes = new Map<string, string>();
  links.forEach(({ link, parent, address }, i) => {
    const refId = `link-note-ref-${i + 1}`;
    let id = notes.get(address);
    if (!id) {
      id = `link-note-${notes.size + 1}`;
      notes.set(address, id);
      const number = h('a', { href: `#${refId}`, role: 'doc-backlink', className: ['footnote-number'], title: backLabel });
      const shown = h('a', { href: link.properties.href, className: ['url'] }, urlParts(address));
      section.children.push(h('aside', { id, 'epub:type': 'footnote', role: 'doc-footnote', className: ['footnote', 'link-note'] }, [h('p', [number, ' ', shown])]));
    }
    const ref = h('sup', [h('a', { href: `#${id}`, id: refId, 'epub:type': 'noteref', role: 'doc-noteref' })]);
    parent.children.splice(parent.children.indexOf(link) + 1, 0, ref);
  });
}

/**
 * Numbers the notes in the order the text first refers to them (a note's own references count
 * after the text's), and puts them in that order: address notes interleave with the author's.
 */
function renumberNotes(tree: Root, section: Element): void {
  const refs: Element[] = [];
  const collect = (el: Element): typeof SKIP | undefined => {
    if (el === section) return SKIP;
    if (el.tagName === 'a' && el.properties.role === 'doc-noteref') refs.push(el);
    return undefined;
  };
  visit(tree, 'element', collect);
  visit(section, 'element', (el: Element) => (el === section ? undefined : collect(el)));
  const numbers = new Map<string, number>();
  for (const ref of refs) {
    const id = String(ref.properties.href).slice(1);
    if (!numbers.has(id)) numbers.set(id, numbers.size + 1);
    ref.children = [{ type: 'text', value: String(numbers.get(id)) }];
  }
  const asides = section.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'aside');
  const order = (aside: Element): number => numbers.get(String(aside.properties.id)) ?? Number.MAX_SAFE_INTEGER;
  const sorted = [...asides].sort((a, b) => order(a) - order(b));
  section.children = [...section.children.filter((c) => !(c.type === 'element' && c.tagName === 'aside')), ...sorted];
  sorted.forEach((aside, i) => {
    visit(aside, 'element', (el: Element) => {
      if (hasClass(el, 'footnote-number')) el.children = [{ type: 'text', value: `${i + 1}.` }];
    });
  });
}
