/**
 * Strict, namespace-aware XML parsing for the documents inside an EPUB. Any parser warning or
 * error throws, which makes parsing the well-formedness check.
 */
import { DOMParser } from '@xmldom/xmldom';

/** Namespaces of the EPUB documents. */
export const NS = {
  xhtml: 'http://www.w3.org/1999/xhtml',
  epub: 'http://www.idpf.org/2007/ops',
  opf: 'http://www.idpf.org/2007/opf',
  dc: 'http://purl.org/dc/elements/1.1/',
  ncx: 'http://www.daisy.org/z3986/2005/ncx/',
  container: 'urn:oasis:names:tc:opendocument:xmlns:container',
  xml: 'http://www.w3.org/XML/1998/namespace',
  svg: 'http://www.w3.org/2000/svg',
} as const;

// Characters XML 1.0 forbids, raw or as character references (xmldom lets them through).
const illegalRaw = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const illegalReference = /&#(?:x0*(?:[0-8bcef]|1[0-9a-f]|fffe|ffff)|0*(?:[0-8]|1[124-9]|2\d|3[01]|65534|65535));/i;

/** Parses XML as XML (`text/xml`: no HTML entities), throwing on any warning or error. */
export function parseXml(text: string): Document {
  const raw = illegalRaw.exec(text);
  if (raw) throw new Error(`XML forbids the character U+${(raw[0].codePointAt(0) as number).toString(16).padStart(4, '0')} (at offset ${raw.index})`);
  const reference = illegalReference.exec(text);
  if (reference) throw new Error(`XML forbids the character reference ${reference[0]} (at offset ${reference.index})`);
  const parser = new DOMParser({
    onError: (level, message) => {
      // U+FFFD is a legal XML character (CommonMark even requires it for `&#0;`): xmldom's
      // "source encoding issues?" hint about it is not a well-formedness problem.
      if (level === 'warning' && message.includes('Unicode replacement character')) return;
      throw new Error(`XML ${level}: ${message}`);
    },
  });
  return parser.parseFromString(text, 'text/xml') as unknown as Document;
}

/** Every element `localName` in namespace `ns` below `root`, in document order. */
export function elements(root: Document | Element, ns: string, localName: string): Element[] {
  return Array.from(root.getElementsByTagNameNS(ns, localName));
}

/** The element's attribute (namespaced when `ns` is given), or '' when absent. */
export function attr(element: Element, name: string, ns?: string): string {
  return (ns ? element.getAttributeNS(ns, name) : element.getAttribute(name)) ?? '';
}

/** The element's child elements (no text nodes). */
export function childElements(element: Element): Element[] {
  return Array.from(element.childNodes).filter((n): n is Element => n.nodeType === 1);
}

/** The text content of a node, whitespace collapsed. */
export function text(node: Node): string {
  return (node.textContent ?? '').replace(/\s+/g, ' ').trim();
}
