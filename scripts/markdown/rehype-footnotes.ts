/**
 * Turns GFM footnotes into EPUB 3 note pairs: references marked `noteref` and each note an
 * `<aside epub:type="footnote">`, which Apple Books, Kobo and others show as pop-ups. The notes
 * stay in a section at the chapter's end with links back to the text.
 */
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { visit } from './visit.js';
import { decodePercent } from '../paths.js';

/** The unified plugin. */
export default function rehypeFootnotes(options: { label: string; backLabel: string }) {
  return (tree: Root): void => {
    // References first, everywhere: a note may itself refer to another note.
    visit(tree, 'element', (node: Element) => {
      if (node.properties.id !== undefined && /^fn(ref)?-/.test(String(node.properties.id))) node.properties.id = noteId(String(node.properties.id));
      if (typeof node.properties.href === 'string' && /^#fn(ref)?-/.test(node.properties.href)) node.properties.href = `#${noteId(node.properties.href.slice(1))}`;
      if (node.tagName === 'a' && node.properties.dataFootnoteRef !== undefined) {
        node.properties['epub:type'] = 'noteref';
        node.properties.role = 'doc-noteref';
        delete node.properties.dataFootnoteRef;
        delete node.properties.ariaDescribedBy;
      }
    });
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName === 'section' && node.properties.dataFootnotes !== undefined && parent && index !== undefined) {
        parent.children[index] = notesSection(node, options);
        return 'skip';
      }
      return undefined;
    });
  };
}

/**
 * A note id as the reader sees it: remark-rehype percent-encodes the label (`fn-%EA%B0%81`),
 * which links written as `#fn-각` would never match; XML ids may not hold spaces either.
 */
function noteId(id: string): string {
  return decodePercent(id).replace(/\s+/g, '-');
}

/** Rebuilds remark-rehype's footnote section as a list of asides. */
function notesSection(section: Element, options: { label: string; backLabel: string }): Element {
  const list = section.children.find((c): c is Element => c.type === 'element' && c.tagName === 'ol');
  const items = (list?.children ?? []).filter((c): c is Element => c.type === 'element' && c.tagName === 'li');
  const notes = items.map((item, n) => {
    const id = String(item.properties.id);
    const backrefs: Element[] = [];
    visit(item, 'element', (el: Element, index, parent) => {
      if (el.properties.dataFootnoteBackref === undefined || !parent || index === undefined) return undefined;
      backrefs.push(el);
      parent.children.splice(index, 1);
      return index;
    });
    const back = backrefs[0];
    const number = h('a', { href: back?.properties.href ?? '#', role: 'doc-backlink', className: ['footnote-number'], title: options.backLabel }, `${n + 1}.`);
    const content = trimTrailingSpace(item.children);
    const firstParagraph = content.find((c): c is Element => c.type === 'element' && c.tagName === 'p');
    if (firstParagraph) firstParagraph.children.unshift(number, { type: 'text', value: ' ' });
    else content.unshift(h('p', [number]));
    return h('aside', { id, 'epub:type': 'footnote', role: 'doc-footnote', className: ['footnote'] }, content);
  });
  return h('section', { className: ['footnotes'], 'epub:type': 'footnotes', role: 'doc-endnotes' }, [
    h('h2', { className: ['footnotes-title'] }, options.label),
    ...notes,
  ]);
}

/** Drops whitespace-only text nodes (remark-rehype's line breaks) that would end up in asides. */
function trimTrailingSpace(children: ElementContent[]): ElementContent[] {
  return children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
}
