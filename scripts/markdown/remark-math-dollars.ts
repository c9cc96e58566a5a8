/**
 * GitHub's dollar signs, on top of remark-math (used with `singleDollarTextMath: false`): reads
 * single-dollar formulas by GitHub's rules (dollar-math-syntax.ts), so prices and shell variables
 * in prose (`$5 and $10`, `$HOME`) stay text, and GitHub's other two forms: `` $`…`$ `` inline,
 * and a paragraph that is only `$$…$$`, which GitHub shows as a display formula.
 */
import type { Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import type { Processor } from 'unified';
import { SKIP, visit } from './visit.js';
import type { VFile } from 'vfile';
import { dollarMath } from './dollar-math-syntax.js';

// remark-math's node types (declared by mdast-util-math, which remark-math's types load).
type InlineMath = Extract<PhrasingContent, { type: 'inlineMath' }>;
type Math = Extract<RootContent, { type: 'math' }>;

/** The unified plugin. */
export default function remarkMathDollars(this: Processor) {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(dollarMath);
  return (tree: Root, file: VFile): void => {
    const source = String(file.value);
    visit(tree, 'paragraph', (node: Paragraph, index, parent) => {
      const only = node.children.length === 1 ? node.children[0] : undefined;
      if (!parent || index === undefined || only?.type !== 'inlineMath' || !sourceOf(only, source)?.startsWith('$$')) return undefined;
      parent.children.splice(index, 1, displayOf(only, node));
      return SKIP;
    });
    visit(tree, 'inlineMath', (node: InlineMath) => {
      if (sourceOf(node, source)?.startsWith('$`') && /^`[^]+`$/.test(node.value)) setValue(node, node.value.slice(1, -1));
    });
  };
}

/** The formula as written, delimiters included (undefined without a position). */
function sourceOf(node: InlineMath, source: string): string | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? undefined : source.slice(start, end);
}

/** Sets an inline formula's TeX, in the node and in the HTML remark-math prepared for it. */
function setValue(node: InlineMath, value: string): void {
  node.value = value;
  const code = node.data?.hChildren?.[0];
  if (code?.type === 'text') code.value = value;
}

/** The display formula for a paragraph holding nothing but a `$$…$$` formula, as remark-math makes them. */
function displayOf(node: InlineMath, paragraph: Paragraph): Math {
  const display: Math = {
    type: 'math',
    value: node.value,
    meta: null,
    data: {
      hName: 'pre',
      hChildren: [{ type: 'element', tagName: 'code', properties: { className: ['language-math', 'math-display'] }, children: [{ type: 'text', value: node.value }] }],
    },
  };
  if (paragraph.position) display.position = paragraph.position;
  return display;
}
