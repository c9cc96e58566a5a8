/** Splits one file's Markdown tree into chapters at each H1, as one file may hold several. */
import type { FootnoteDefinition, Root, RootContent } from 'mdast';

/** A piece of a file that becomes one chapter. */
export interface Chunk {
  tree: Root;
  /** The line it starts on. */
  line: number;
  /** Whether it opens with an H1 (the chapter title); otherwise it is the text before any H1. */
  hasHeading: boolean;
}

/** The chunks of a file, in order; text before the first H1 is a chunk of its own if not empty. */
export function splitChapters(tree: Root): Chunk[] {
  // Footnote definitions may sit anywhere in the file: give every chapter all of them, and
  // remark-rehype lists only the ones that chapter calls.
  const definitions = tree.children.filter((n): n is FootnoteDefinition => n.type === 'footnoteDefinition');
  const content = tree.children.filter((n) => n.type !== 'footnoteDefinition');
  const groups: RootContent[][] = [[]];
  for (const node of content) {
    if (node.type === 'heading' && node.depth === 1 && (groups.at(-1) as RootContent[]).length) groups.push([]);
    (groups.at(-1) as RootContent[]).push(node);
  }
  return groups
    .filter((nodes) => nodes.length)
    .map((nodes) => {
      const first = nodes[0] as RootContent;
      return {
        tree: { type: 'root', children: [...nodes, ...definitions] },
        line: first.position?.start.line ?? 1,
        hasHeading: first.type === 'heading' && first.depth === 1,
      };
    });
}
