/**
 * Parses the raw HTML the author wrote into real elements (so it is serialized as well-formed
 * XHTML), through hast-util-raw. That re-parses the whole tree with parse5, so chapters without
 * raw HTML, most of them, skip it.
 */
import type { Root } from 'hast';
import { raw } from 'hast-util-raw';
import { visit, EXIT } from './visit.js';
import type { VFile } from 'vfile';

/** The unified plugin. */
export default function rehypeRawHtml() {
  return (tree: Root, file: VFile): Root => {
    let found = false;
    visit(tree, 'raw', () => {
      found = true;
      return EXIT;
    });
    return found ? (raw(tree, { file }) as Root) : tree;
  };
}
