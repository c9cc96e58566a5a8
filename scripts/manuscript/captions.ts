/**
 * The manuscript stage's part in numbered captions (markdown/rehype-captions.ts): numbers run per
 * top-level chapter across the files nested under it, so they are given once the whole book's
 * order is known, after the diagrams are in place (a captioned diagram is a figure too).
 */
import path from 'node:path';
import type { Element, Root } from 'hast';
import { unified } from 'unified';
import { visit } from '../markdown/visit.js';
import { VFile } from 'vfile';
import { hashParts } from '../cache/key.js';
import type { BookConfig } from '../config/load.js';
import rehypeCaptions, { type CaptionCounts, type Options } from '../markdown/rehype-captions.js';
import type { Chapter } from './model.js';
import { copyTree } from './parse.js';

/** Whether a tree holds anything the caption pass may number: an image with a title, a table or a diagram. */
function mayHaveCaptions(tree: Root): boolean {
  const known = captionable.get(tree);
  if (known !== undefined) return known;
  const found = findCaptionable(tree);
  captionable.set(tree, found);
  return found;
}

/** Does the work of `mayHaveCaptions`. */
function findCaptionable(tree: Root): boolean {
  let found = false;
  visit(tree, 'element', (node: Element) => {
    found ||= node.tagName === 'table' || node.tagName === 'figure' || (node.tagName === 'img' && node.properties.title !== undefined);
    return found ? false : undefined;
  });
  return found;
}

/**
 * Numbers the captions of every chapter, when book.yaml `captions` is on. A top-level chapter
 * (the author's own title and copyright pages aside) starts a new number; nested chapters go on
 * with their parent's. `shared`: the trees are kept in the parser's cache, so they are copied
 * before they change. A chapter's key changes with its numbers, so what outputs cached under it
 * is not reused with other numbers.
 */
export function numberCaptions(chapters: Chapter[], config: BookConfig, shared: boolean): void {
  if (!config.captions) return;
  const { figure: figureLabel, table: tableLabel } = config.labels;
  let counts = { chapter: 0, figures: 0, tables: 0 };
  for (const chapter of chapters) {
    if (chapter.role) continue;
    if (chapter.depth === 0 || counts.chapter === 0) counts = { chapter: counts.chapter + 1, figures: 0, tables: 0 };
    if (!(shared ? mayHaveCaptions(chapter.tree) : findCaptionable(chapter.tree))) continue;
    const { tree, after } = captioned(chapter, config, { figureLabel, tableLabel, ...counts }, shared);
    if (after.figures === counts.figures && after.tables === counts.tables) continue;
    if (chapter.treeKey) chapter.treeKey = hashParts(chapter.treeKey, 'captions', figureLabel, tableLabel, String(counts.chapter), String(counts.figures), String(counts.tables));
    chapter.tree = tree;
    counts = { ...counts, figures: after.figures, tables: after.tables };
  }
}

/**
 * A chapter's tree with its captions numbered, and the counts at its end. A shared tree (an
 * unchanged chapter in the dev server) numbered before with the same labels and counts gives the
 * same tree, which is reused: copying and numbering every chapter again cost most of a rebuild.
 */
function captioned(chapter: Chapter, config: BookConfig, options: Options, shared: boolean): { tree: Root; after: CaptionCounts } {
  const settings = JSON.stringify(options);
  const before = shared ? numbered.get(chapter.tree) : undefined;
  if (before?.settings === settings) return before;
  const tree = shared ? copyTree(chapter.tree) : chapter.tree;
  const file = new VFile({ path: path.resolve(config.root, chapter.source) });
  unified().use(rehypeCaptions, options).runSync(tree, file);
  const result = { settings, tree, after: file.data.captions ?? { figures: options.figures, tables: options.tables } };
  if (shared) numbered.set(chapter.tree, result);
  return result;
}

/** Whether a shared tree may hold captions, by tree: a tree the parser keeps is looked at once. */
const captionable = new WeakMap<Root, boolean>();

/** Shared trees with their captions numbered, by the tree they were made from, with the settings used. */
const numbered = new WeakMap<Root, { settings: string; tree: Root; after: CaptionCounts }>();
