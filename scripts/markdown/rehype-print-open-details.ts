/** Print only. Paper cannot be clicked open: a collapsed <details> would print its summary alone. */
import type { Element, Root } from 'hast';
import { visit } from './visit.js';

/** The unified plugin. */
export default function rehypePrintOpenDetails() {
  return (tree: Root): void => {
    visit(tree, 'element', (el: Element) => {
      if (el.tagName === 'details') el.properties.open = true;
    });
  };
}
