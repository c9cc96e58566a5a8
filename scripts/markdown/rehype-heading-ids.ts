/**
 * Gives every heading an id that is unique across the whole book and keeps the author's
 * language (`가상-머신`), and records which ids a file's own anchors (`#가상-머신` as GitHub
 * would slug it within that file) now map to, so that links can be rewritten.
 */
import type { Element, Root } from 'hast';
import { headingRank } from 'hast-util-heading-rank';
import GithubSlugger from 'github-slugger';
import { SKIP, visit } from './visit.js';
import type { VFile } from 'vfile';
import type { Heading } from '../manuscript/model.js';
import { hasClass } from './hast-classes.js';
import { texOf } from './rehype-math.js';

/** Book-wide state shared by every chapter's run of the plugin. */
export interface IdRegistry {
  /** Every id used so far in the book. */
  used: Set<string>;
}

export interface HeadingIdsOptions {
  registry: IdRegistry;
  /** Slugs as the author's file would have them (one slugger per source file). */
  fileSlugger: GithubSlugger;
  /** Filled with anchor-as-written -> id-in-the-book, for this chapter. */
  anchors: Map<string, string>;
  /** Filled with the chapter's headings down to `maxDepth`. */
  headings: Heading[];
  maxDepth: number;
}

/** The unified plugin. */
export default function rehypeHeadingIds(options: HeadingIdsOptions) {
  const { registry, fileSlugger, anchors, headings, maxDepth } = options;
  return (tree: Root, file: VFile): void => {
    visit(tree, 'element', (node: Element) => {
      // The notes section's title is the tool's, not the author's: no id, no TOC entry.
      if (node.properties['epub:type'] === 'footnotes') return SKIP;
      const rank = headingRank(node);
      const own = node.properties.id;
      if (rank === undefined) {
        // Footnote ids are made per chapter by remark-rehype and only ever linked from within it.
        if (node.properties['epub:type'] === 'footnote' || node.properties['epub:type'] === 'noteref') return undefined;
        // Ids the author set in raw HTML are anchors too; a clash would break links silently.
        if (typeof own === 'string' && own) {
          const id = unique(registry, own);
          if (id !== own) file.message(`the id "${own}" is used twice in the book: renamed to "${id}"`, { place: node.position, ruleId: 'duplicate-id' });
          node.properties.id = id;
          // A link to an id written twice goes to the first, as in a browser.
          if (!anchors.has(own)) anchors.set(own, id);
        }
        return undefined;
      }
      const text = headingText(node);
      const local = typeof own === 'string' && own ? own : fileSlugger.slug(text) || 'section';
      const id = unique(registry, local);
      node.properties.id = id;
      if (!anchors.has(local)) anchors.set(local, id);
      // An entry without words would be an empty link in the contents, which EPUB forbids.
      if (!text) file.message(`heading without text: it gets no entry in the contents`, { place: node.position, ruleId: 'empty-heading' });
      else if (rank <= maxDepth) headings.push({ depth: rank, text, id });
      return undefined;
    });
  };
}

/**
 * A heading's words as the contents show them: its text, its images' alt text and its formulas'
 * TeX, without its footnote references (their numbers are not part of the title).
 */
export function headingText(heading: Element): string {
  const words: string[] = [];
  visit(heading, (node) => {
    if (node.type === 'text') words.push(node.value);
    if (node.type !== 'element') return undefined;
    if (node.properties.role === 'doc-noteref' || node.properties.dataFootnoteRef !== undefined) return SKIP;
    if (node.tagName === 'img' && typeof node.properties.alt === 'string') words.push(node.properties.alt);
    // A typeset formula holds its text three times (MathML, TeX annotation, HTML): its TeX stands for it.
    if (hasClass(node, 'katex')) {
      words.push(texOf(node) ?? '');
      return SKIP;
    }
    return undefined;
  });
  return words.join('').replace(/\s+/g, ' ').trim();
}

/** `base`, or `base-1`, `base-2`... whichever is still free in the book. */
function unique(registry: IdRegistry, base: string): string {
  let id = base;
  for (let n = 1; registry.used.has(id); n++) id = `${base}-${n}`;
  registry.used.add(id);
  return id;
}
