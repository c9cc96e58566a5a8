/**
 * The manuscript stage's part in Mermaid diagrams: the book's sources go to the drawer as soon as
 * every chapter is parsed, so drawing overlaps the book-wide passes (ids, links, downloads), and
 * the drawings are put in place once the chapters are resolved. A chapter's key (`treeKey`) stays
 * as it is: its tree holds the diagrams' sources, and the same source always gives the same drawing.
 */
import path from 'node:path';
import type { Root } from 'hast';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { BookConfig } from '../config/load.js';
import { vfileDiagnostics, type Diagnostic, type Diagnostics } from '../diagnostics.js';
import type { DiagramDrawer } from '../diagrams/drawer.js';
import type { Drawing } from '../diagrams/mermaid-page.js';
import rehypeMermaid, { mermaidSources } from '../markdown/rehype-mermaid.js';
import { geometryOf } from '../outputs/pdf/geometry.js';
import type { Chapter } from './model.js';
import { copyTree } from './parse.js';

/**
 * Starts drawing the Mermaid blocks of `trees`; undefined when there are none (or no drawer).
 * A drawing that cannot happen at all (no Chromium) is a warning: the sources stay code blocks.
 */
export function startDrawing(trees: Root[], drawer: DiagramDrawer | undefined, config: BookConfig, diagnostics: Diagnostics): Promise<Map<string, Drawing>> | undefined {
  const sources = trees.flatMap(mermaidSources);
  if (!drawer || sources.length === 0) return undefined;
  const refused = (url: string): void => diagnostics.warn(`diagrams: did not load ${url}: the drawing page may only read mermaid and the print fonts`);
  const settings = { language: config.language, width: geometryOf(config.print).textWidthPx };
  return drawer.draw(sources, settings, refused).catch((error: unknown) => {
    diagnostics.warn(`no diagram was drawn (${(error as Error).message.split('\n')[0]}): their sources are shown as code`, undefined, undefined, undefined, 'diagram-not-drawn');
    return new Map();
  });
}

/**
 * Puts the drawings in place of a chapter's Mermaid blocks and returns the problems found there.
 * `shared`: the chapter's tree is kept in the parser's cache, so it is copied before it changes.
 */
export function placeDiagrams(chapter: Chapter, drawings: Map<string, Drawing>, shared: boolean, config: BookConfig): Diagnostic[] {
  if (mermaidSources(chapter.tree).length === 0) return [];
  const tree = shared ? copyTree(chapter.tree) : chapter.tree;
  const file = new VFile({ path: path.resolve(config.root, chapter.source) });
  unified().use(rehypeMermaid, { drawings, prefix: chapter.id, noun: config.labels.diagram }).runSync(tree, file);
  chapter.tree = tree;
  return vfileDiagnostics(file, config.root);
}
