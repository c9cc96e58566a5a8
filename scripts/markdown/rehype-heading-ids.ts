/**
 * Gives every heading an id that is unique across the whole book and keeps the author's
 * language (`가상-머신`), and records which ids a file's own anchors (`#가상-머신` as GitHub
 * would slug it within that file) now map to, so that links can be rewritten.
 */
import type { Element, Root } from 'hast';
import { headingRank } from 'hast-util-heading-rank';
import { toString } from 'hast-util-to-string';
import GithubSlugger from 'github-slugger';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { Heading } from '../manuscript/model.js';

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
          anchors.set(own, id);
        }
        return undefined;
      }
      const text = toString(node).trim();
      const local = typeof own === 'string' && own ? own : fileSlugger.slug(text) || 'section';
      const id = unique(registry, local);
      node.properties.id = id;
      anchors.set(local, id);
      if (rank <= maxDepth) headings.push({ depth: rank, text, id });
      return undefined;
    });
  };
}

/** `base`, or `base-1`, `base-2`... whichever is still free in the book. */
function unique(registry: IdRegistry, base: string): string {
  let id = base;
  for (let n = 1; registry.used.has(id); n++) id = `${base}-${n}`;
  registry.used.add(id);
  return id;
}
