/**
 * Reports footnote references without a definition (`[^typo]`): GFM leaves them as plain text,
 * so the reader sees the brackets and the author never learns the note is missing.
 */
import type { Root, Text } from 'mdast';
import { visit } from './visit.js';
import type { VFile } from 'vfile';
import { placeOf } from './text-place.js';

const reference = /\[\^([^\]\s]+)\]/g;

/** The unified plugin. */
export default function remarkUndefinedFootnotes() {
  return (tree: Root, file: VFile): void => {
    visit(tree, 'text', (node: Text) => {
      for (const match of node.value.matchAll(reference)) {
        file.message(`footnote [^${match[1]}] has no definition: kept as text`, { place: placeOf(node, match.index), ruleId: 'undefined-footnote' });
      }
    });
  };
}
