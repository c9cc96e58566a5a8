/** Where a character inside a Markdown text node was written, for messages that point at it. */
import type { Text } from 'mdast';

/** Line and column of a character inside a text node (its text may span lines). */
export function placeOf(node: Text, offset: number): { line: number; column: number } | undefined {
  const start = node.position?.start;
  if (!start) return undefined;
  const before = node.value.slice(0, offset).split('\n');
  return before.length === 1 ? { line: start.line, column: start.column + offset } : { line: start.line + before.length - 1, column: (before.at(-1) as string).length + 1 };
}
