/**
 * Print only. Tables of more than five columns are set smaller (`wide`, `very-wide` beyond eight)
 * to fit the text block; what was shrunk goes on `file.data.shrunk` for the preflight report.
 */
import type { Element, Root } from 'hast';
import type { VFile } from 'vfile';
import { visit } from './visit.js';
import { addClass } from './hast-classes.js';

declare module 'vfile' {
  interface DataMap {
    /** What a print pass set smaller than the body text, in words. */
    shrunk: string[];
  }
}

/** The unified plugin. */
export default function rehypePrintWideTables() {
  return (tree: Root, file: VFile): void => {
    const shrunk: string[] = (file.data.shrunk ??= []);
    visit(tree, 'element', (el: Element) => {
      if (el.tagName !== 'table') return undefined;
      const columns = columnCount(el);
      if (columns > 5) {
        addClass(el, columns > 8 ? 'very-wide' : 'wide');
        shrunk.push(`table with ${columns} columns set at ${columns > 8 ? '60' : '72'}% size`);
      }
      return 'skip';
    });
  };
}

/** The number of cells in a table's widest row. */
function columnCount(table: Element): number {
  let max = 0;
  visit(table, 'element', (el: Element) => {
    if (el.tagName !== 'tr') return undefined;
    max = Math.max(max, el.children.filter((c) => c.type === 'element' && (c.tagName === 'td' || c.tagName === 'th')).length);
    return 'skip';
  });
  return max;
}
