/** Opens an EPUB (a zip) and gives access to its entries and its parsed package documents. */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { attr, elements, NS, parseXml } from './xml.js';

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
