/** Serializes HTML trees as XHTML documents: well-formed XML, UTF-8 text, the EPUB namespace declared. */
import type { ElementContent, Properties } from 'hast';
import { h } from 'hastscript';
import { toXast } from 'hast-util-to-xast';
import type { Nodes as XastNodes } from 'xast';
import { toXml } from 'xast-util-to-xml';
import { visit } from '../markdown/visit.js';
import { textDirection } from '../config/language.js';

export interface XhtmlDocument {
  lang: string;
  title: string;
  stylesheets: string[];
  body: ElementContent[];
  bodyProperties?: Properties;
  /** Extra elements for the head (e.g. a <style>). */
  head?: ElementContent[];
}

/** A complete XHTML5 document with the XML declaration and doctype. */
export function xhtmlDocument(doc: XhtmlDocument): string {
  const html = h(
    'html',
    { xmlns: 'http://www.w3.org/1999/xhtml', 'xmlns:epub': 'http://www.idpf.org/2007/ops', lang: doc.lang, 'xml:lang': doc.lang, dir: textDirection(doc.lang) === 'rtl' ? 'rtl' : undefined },
    [
      h('head', [
        h('meta', { charset: 'utf-8' }),
        h('title', doc.title),
        ...doc.stylesheets.map((href) => h('link', { rel: 'stylesheet', type: 'text/css', href })),
        ...(doc.head ?? []),
      ]),
      h('body', doc.bodyProperties ?? {}, doc.body),
    ],
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n${toXml(withXmlLang(toXast(html)))}\n`;
}

/** Serializes a fragment (no namespace declarations repeated on each element). */
export function xhtmlFragment(nodes: ElementContent[]): string {
  const wrapper = toXml(withXmlLang(toXast(h('div', nodes))));
  return wrapper.replace(/^<div xmlns="http:\/\/www\.w3\.org\/1999\/xhtml">/, '').replace(/<\/div>$/, '');
}

/**
 * Repeats every `lang` as `xml:lang`: in an XML document `xml:lang` is the one reading systems are
 * sure to read, and EPUB's XHTML requires the two to match where both are present. The chapter's
 * HTML tree is left as it is: the printed book is HTML, where `lang` alone is right.
 */
function withXmlLang(tree: XastNodes): XastNodes {
  visit(tree, 'element', (element) => {
    const lang = element.attributes.lang;
    if (typeof lang === 'string') element.attributes['xml:lang'] = lang;
  });
  return tree;
}

/** Escapes text for XML content and attributes, for documents written as text (NCX, SVG). */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
