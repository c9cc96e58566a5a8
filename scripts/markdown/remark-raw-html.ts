/**
 * Decides what raw HTML in the Markdown means. CommonMark reads any `<word>` as an HTML tag, but
 * in technical prose `<username>` or `<container-id>` is a placeholder meant to be read: tags that
 * are not real HTML elements become visible text. Comments are dropped. Real HTML stays raw and
 * is parsed later by rehype-raw.
 */
import type { Html, Root, Text } from 'mdast';
import { htmlTagNames } from 'html-tag-names';
import { visit } from './visit.js';
import type { VFile } from 'vfile';

const known = new Set(htmlTagNames);
const tagPattern = /<\/?([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])/g;
const commentPattern = /<!--[\s\S]*?-->/g;
// SVG and MathML have their own element names; inline raw HTML comes as one node per tag, so
// count how deep inside such markup we are.
const foreignOpen = /<(?:svg|math)(?:\s[^>]*[^/]|)>/gi;
const foreignClose = /<\/(?:svg|math)\s*>/gi;

/** The unified plugin. */
export default function remarkRawHtml() {
  return (tree: Root, file: VFile): void => {
    let foreign = 0;
    visit(tree, 'html', (node: Html, index, parent) => {
      if (!parent || index === undefined) return;
      const value = node.value.replace(commentPattern, '');
      const opened = (value.match(foreignOpen) ?? []).length;
      const unknown = foreign > 0 || opened > 0 ? [] : unknownTags(value);
      foreign = Math.max(0, foreign + opened - (value.match(foreignClose) ?? []).length);
      if (value.trim() === '') {
        parent.children.splice(index, 1);
        return index;
      }
      if (unknown.length === 0) {
        node.value = value;
        return undefined;
      }
      file.message(`${unknown.map((t) => `<${t}>`).join(', ')} is not an HTML element: kept as text`, { place: node.position, ruleId: 'raw-html' });
      const text: Text = { type: 'text', value };
      if (node.position) text.position = node.position;
      // A block of unknown tags stands on its own lines: give it a paragraph, as the author saw it.
      const isBlock = parent.type === 'root' || parent.type === 'blockquote' || parent.type === 'listItem';
      parent.children[index] = isBlock ? { type: 'paragraph', children: [text] } : text;
      return undefined;
    });
  };
}

/** Names of the tags in `html` that are not HTML elements. */
function unknownTags(html: string): string[] {
  const names = new Set<string>();
  for (const m of html.matchAll(tagPattern)) {
    const name = (m[1] as string).toLowerCase();
    if (!known.has(name)) names.add(m[1] as string);
  }
  return [...names];
}
