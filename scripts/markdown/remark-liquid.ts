/**
 * Removes Liquid tags (`{% include ad.html %}`, `{% raw %}`) that Jekyll manuscripts carry: no
 * book format can run them. Code is left alone, where such text is usually an example.
 */
import type { Parent, Root, Text } from 'mdast';
import { visit, SKIP } from 'unist-util-visit';
import type { VFile } from 'vfile';

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

/** Line and column of a character inside a text node (its text may span lines). */
function placeOf(node: Text, offset: number): { line: number; column: number } | undefined {
  const start = node.position?.start;
  if (!start) return undefined;
  const before = node.value.slice(0, offset).split('\n');
  return before.length === 1 ? { line: start.line, column: start.column + offset } : { line: start.line + before.length - 1, column: (before.at(-1) as string).length + 1 };
}

/** Drops paragraphs that held nothing but Liquid tags. */
function removeEmptyParagraphs(tree: Parent): void {
  visit(tree, 'paragraph', (node, index, parent) => {
    if (!parent || index === undefined || node.children.length) return;
    parent.children.splice(index, 1);
    return [SKIP, index];
  });
}
