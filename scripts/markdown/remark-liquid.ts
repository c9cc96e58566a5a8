/**
 * Removes Liquid tags (`{% include ad.html %}`, `{% raw %}`) that Jekyll manuscripts carry: no
 * book format can run them. Code is left alone, where such text is usually an example.
 */
import type { Parent, Root, Text } from 'mdast';
import { visit, SKIP } from './visit.js';
import type { VFile } from 'vfile';
import { placeOf } from './text-place.js';

const tag = /\{%-?\s*([\s\S]*?)\s*-?%\}/g;

/** The unified plugin. */
export default function remarkLiquid() {
  return (tree: Root, file: VFile): void => {
    visit(tree, 'text', (node: Text, index, parent) => {
      if (!parent || index === undefined || !node.value.includes('{%')) return;
      const value = node.value.replace(tag, (_match, body: string, offset: number) => {
        file.message(`removed the Liquid tag {% ${body} %}: it only works in Jekyll`, { place: placeOf(node, offset), ruleId: 'liquid' });
        return '';
      });
      if (value === node.value) return;
      // Whitespace between two inline nodes still separates words: drop only a node left empty, or blank and alone.
      if (value === '' || (value.trim() === '' && parent.children.length === 1)) {
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      node.value = value;
      return undefined;
    });
    removeEmptyParagraphs(tree);
  };
}


/** Drops paragraphs that held nothing but Liquid tags. */
function removeEmptyParagraphs(tree: Parent): void {
  visit(tree, 'paragraph', (node, index, parent) => {
    if (!parent || index === undefined || node.children.length) return;
    parent.children.splice(index, 1);
    return [SKIP, index];
  });
}
