/**
 * Typesets the formulas remark-math found (`$…$`, `$$…$$`, ```math) with KaTeX at build time:
 * the book carries no script. KaTeX writes each formula twice, as MathML (with the TeX as its
 * annotation) and as HTML set in its own fonts; every output keeps the form it reads best (the
 * EPUB the MathML: rehype-epub-math; the PDF the HTML: rehype-print-math; the preview both). A
 * formula KaTeX cannot read is reported at its line and shown as its source, in code.
 */
import type { Element, ElementContent, Root } from 'hast';
import { raw } from 'hast-util-raw';
import { toString } from 'hast-util-to-string';
import { h } from 'hastscript';
import katex from 'katex';
import { EXIT, SKIP, visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import { hasClass } from './hast-classes.js';

/** The unified plugin. */
export default function rehypeMath() {
  return (tree: Root, file: VFile): void => {
    visitParents(tree, 'element', (node: Element, ancestors) => {
      if (node.tagName !== 'code' || !hasClass(node, 'language-math')) return undefined;
      let parent = ancestors.at(-1);
      // Display formulas (`$$`, ```math) come as <pre><code>: the <pre> goes.
      const pre = parent?.type === 'element' && parent.tagName === 'pre' ? parent : undefined;
      const scope = pre ?? node;
      if (pre) parent = ancestors.at(-2);
      if (!parent) return undefined;
      const display = pre !== undefined || hasClass(node, 'math-display');
      // A fenced block's text ends with its last line break.
      const tex = toString(node).trim();
      const index = parent.children.indexOf(scope);
      let rendered: ElementContent[];
      try {
        rendered = typeset(tex, display);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        file.message(`invalid TeX, shown as its source: ${reason}`, { place: scope.position ?? node.position, ruleId: 'math' });
        parent.children.splice(index, 1, display ? h('pre', { className: ['math-error'] }, h('code', tex)) : h('code', { className: ['math-error'] }, tex));
        return SKIP;
      }
      parent.children.splice(index, 1, display ? h('div', { className: ['math-display'] }, rendered) : (rendered[0] as ElementContent));
      return SKIP;
    });
  };
}

/**
 * Formulas typeset in this process, by display mode and TeX: a book writes the same ones again
 * and again (`$n$`, `$O(n)$`), and typesetting one and reading KaTeX's HTML back costs ~5 ms.
 * Bounded: emptied when full.
 */
const typesetCache = new Map<string, ElementContent[]>();

/** Most formulas `typesetCache` keeps. */
const typesetCacheSize = 5000;

/** A formula typeset by KaTeX, as elements of a tree of its own; throws what KaTeX throws on TeX it cannot read. */
function typeset(tex: string, display: boolean): ElementContent[] {
  const key = `${display ? 'display' : 'inline'}:${tex}`;
  let rendered = typesetCache.get(key);
  if (!rendered) {
    const html = katex.renderToString(tex, { displayMode: display, output: 'htmlAndMathml', throwOnError: true, strict: 'ignore' });
    rendered = parsed(html);
    if (typesetCache.size >= typesetCacheSize) typesetCache.clear();
    typesetCache.set(key, rendered);
  }
  // Later passes change the chapter's nodes: each place gets its own copy.
  return structuredClone(rendered);
}

/** KaTeX's HTML as elements (it writes one element per formula). */
function parsed(html: string): ElementContent[] {
  const root = raw({ type: 'root', children: [{ type: 'raw', value: html }] }) as Root;
  return root.children as ElementContent[];
}

/** Whether a chapter tree holds a typeset formula (its print page then needs KaTeX's stylesheet). */
export function hasMath(tree: Root): boolean {
  let found = false;
  visitParents(tree, 'element', (node: Element) => {
    if (!hasClass(node, 'katex')) return undefined;
    found = true;
    return EXIT;
  });
  return found;
}

/** The TeX of a formula typeset by this plugin: the annotation KaTeX writes into its MathML. */
export function texOf(formula: Element): string | undefined {
  let tex: string | undefined;
  visitParents(formula, 'element', (node: Element) => {
    if (node.tagName !== 'annotation' || node.properties.encoding !== 'application/x-tex') return undefined;
    tex = toString(node);
    return EXIT;
  });
  return tex;
}
