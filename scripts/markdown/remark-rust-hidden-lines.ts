/**
 * Rust code blocks carry lines the reader is not meant to see, as rustdoc and mdBook have it: a
 * line that is `#` alone or starts with `# ` (after its indentation) makes the example compile but
 * is left out of the book; `##` at a line's start stands for a literal `#`. `#[derive]` and `#!`
 * attributes are code and stay. mdBook folds those lines away behind a button; a printed page
 * cannot, so both outputs leave them out. Runs after remark-code-info, which leaves `rust` alone
 * in `lang` (`rust,ignore` included).
 */
import type { Code, Root } from 'mdast';
import { visit } from './visit.js';

/** A line as the reader sees it: undefined when it is hidden, the `##` escape undone. */
export function visibleLine(line: string): string | undefined {
  const trimmed = line.trim();
  if (trimmed.startsWith('##')) return line.replace('##', '#');
  if (trimmed === '#' || trimmed.startsWith('# ')) return undefined;
  return line;
}

/** The unified plugin. */
export default function remarkRustHiddenLines() {
  return (tree: Root): void => {
    visit(tree, 'code', (node: Code) => {
      if (node.lang !== 'rust' || !node.value.includes('#')) return;
      node.value = node.value.split('\n').flatMap((line) => visibleLine(line) ?? []).join('\n');
    });
  };
}
