/** Opens an EPUB (a zip) and gives access to its entries and its parsed package documents. */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { attr, childElements, elements, NS, parseXml, text } from './xml.js';

/** Reads every entry of the zip at `file`: entry name -> bytes, in the zip's own order. */
export async function readEpub(file: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const entries = new Map<string, Buffer>();
  for (const entry of Object.values(zip.files)) {
    if (!entry.dir) entries.set(entry.name, await entry.async('nodebuffer'));
  }
  return entries;
}

/** The entry `name` as UTF-8 text; fails the test when it is missing. */
export function entryText(entries: Map<string, Buffer>, name: string): string {
  const data = entries.get(name);
  if (!data) throw new Error(`the EPUB has no entry ${name} (it has ${[...entries.keys()].join(', ')})`);
  return data.toString('utf8');
}

/** An opened EPUB: its entries, the OPF's path and parsed document. */
export interface OpenedEpub {
  entries: Map<string, Buffer>;
  opfPath: string;
  opf: Document;
  /** Resolves an OPF-relative href to a zip entry name. */
  entryName(href: string): string;
  /** Parses (strictly) the entry an OPF-relative href names. */
  parse(href: string): Document;
  /** The manifest items: id -> { href, mediaType, properties }. */
  manifest: Map<string, { href: string; mediaType: string; properties: string[] }>;
  /** The spine's idrefs, in order. */
  spine: string[];
}

/** Reads an EPUB and parses its container and package document. */
export async function openEpub(file: string): Promise<OpenedEpub> {
  const entries = await readEpub(file);
  const container = parseXml(entryText(entries, 'META-INF/container.xml'));
  const rootfile = elements(container, NS.container, 'rootfile')[0];
  if (!rootfile) throw new Error('META-INF/container.xml names no rootfile');
  const opfPath = attr(rootfile, 'full-path');
  const opf = parseXml(entryText(entries, opfPath));
  const base = path.posix.dirname(opfPath);
  const entryName = (href: string): string => path.posix.normalize(path.posix.join(base, decodeURIComponent(href.split('#')[0] as string)));
  const manifest = new Map<string, { href: string; mediaType: string; properties: string[] }>();
  for (const item of elements(opf, NS.opf, 'item')) {
    manifest.set(attr(item, 'id'), { href: attr(item, 'href'), mediaType: attr(item, 'media-type'), properties: attr(item, 'properties').split(/\s+/).filter(Boolean) });
  }
  const spine = elements(opf, NS.opf, 'itemref').map((ref) => attr(ref, 'idref'));
  return { entries, opfPath, opf, entryName, parse: (href) => parseXml(entryText(entries, entryName(href))), manifest, spine };
}

/** One entry of a table of contents: its label, its target (empty for part titles) and its children. */
export interface TocNode {
  title: string;
  href: string;
  children: TocNode[];
}

/** The nav document's `<nav epub:type=KIND>` element, if present. */
export function navElement(nav: Document, kind: string): Element | undefined {
  return elements(nav, NS.xhtml, 'nav').find((n) => attr(n, 'type', NS.epub).split(/\s+/).includes(kind));
}

/** The nested list of a nav element (`<ol><li><a|span/><ol>…`) as a tree. */
export function navTree(list: Element): TocNode[] {
  return childElements(list)
    .filter((li) => li.localName === 'li')
    .map((li) => {
      const children = childElements(li);
      const label = children.find((c) => c.localName === 'a' || c.localName === 'span');
      const nested = children.find((c) => c.localName === 'ol');
      return { title: label ? text(label) : '', href: label?.localName === 'a' ? attr(label, 'href') : '', children: nested ? navTree(nested) : [] };
    });
}

/** The NCX navMap's navPoints as a tree. */
export function ncxTree(parent: Element): TocNode[] {
  return childElements(parent)
    .filter((c) => c.localName === 'navPoint')
    .map((point) => {
      const label = childElements(point).find((c) => c.localName === 'navLabel');
      const content = childElements(point).find((c) => c.localName === 'content');
      return { title: label ? text(label) : '', href: content ? attr(content, 'src') : '', children: ncxTree(point) };
    });
}

/** A TOC tree flattened depth first, as `depth title -> href` lines. */
export function flattenToc(nodes: TocNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [`${depth} ${n.title} -> ${n.href}`, ...flattenToc(n.children, depth + 1)]);
}
