/**
 * GFM column alignment arrives as the `align` attribute, which HTML5 (and so EPUB) no longer
 * allows: express it as `text-align` so the alignment survives in every reader.
 */
import type { Element, Root } from 'hast';
import { visit } from './visit.js';
import { addStyle } from './rehype-xhtml-safe.js';

/** The unified plugin. */
export default function rehypeTableAlign() {
  return (tree: Root): void => {
    visit(tree, 'element', (node: Element) => {
      if ((node.tagName === 'td' || node.tagName === 'th') && typeof node.properties.align === 'string') {
        addStyle(node, 'text-align', node.properties.align);
        delete node.properties.align;
      }
    });
  };
}
