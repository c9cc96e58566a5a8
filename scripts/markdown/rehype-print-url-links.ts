/**
 * Print only. Marks links whose text is a written-out address (`https://…`, `www.…`) with the
 * class `url`: print.css lets those break anywhere, so no line is stretched before them.
 */
import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import { addClass } from './hast-classes.js';

/** The unified plugin. */
export default function rehypePrintUrlLinks() {
  return (tree: Root): void => {
    visit(tree, 'element', (el: Element) => {
      // Code is printed as written: its links need no breaking rules of their own.
      if (el.tagName === 'pre') return 'skip';
      if (el.tagName === 'a' && /^(https?:\/\/|www\.)\S+$/.test(toString(el).trim())) addClass(el, 'url');
      return undefined;
    });
  };
}
