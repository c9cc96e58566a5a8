/**
 * The manuscript stage's part in Mermaid diagrams: the drawer opens its page (Chromium, mermaid) as
 * soon as a parsed chapter has a diagram that is in no cache, while the other chapters parse; the
 * book's sources go to it once every chapter is parsed, so drawing overlaps the book-wide passes
 * (ids, links, downloads), and the drawings are put in place once the chapters are resolved. A
 * chapter's key (`treeKey`) stays as it is: its tree holds the diagrams' sources, and the same
 * source always gives the same drawing.
 */
import path from 'node:path';
import type { Root } from 'hast';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { BookConfig } from '../config/load.js';
import { vfileDiagnostics, type Diagnostic, type Diagnostics } from '../diagnostics.js';
import type { DiagramDrawer } from '../diagrams/drawer.js';
import type { Drawing, DrawSettings } from '../diagrams/mermaid-page.js';
import rehypeMermaid, { mermaidSources } from '../markdown/rehype-mermaid.js';
import { geometryOf } from '../outputs/pdf/geometry.js';
import type { Chapter } from './model.js';
import { copyTree } from './parse.js';

/**
 * Starts drawing the Mermaid blocks of `trees`; undefined when there are none (or no drawer).
 * A drawing that cannot happen at all (no Chromium) is a warning: the sources stay code blocks.
 */
export function startDrawing(trees: Root[], drawer: DiagramDrawer | undefined, config: BookConfig, diagnostics: Diagnostics): Promise<Map<string, Drawing>> | undefined {
  const sources = trees.flatMap(sourcesIn);
  if (!drawer || sources.length === 0) return undefined;
  return drawer.draw(sources, drawSettings(config), refusal(diagnostics)).catch((error: unknown) => {
    diagnostics.warn(`no diagram was drawn (${(error as Error).message.split('\n')[0]}): their sources are shown as code`, undefined, undefined, undefined, 'diagram-not-drawn');
    return new Map();
  });
}

/**
 * Has the drawer open its page (Chromium, mermaid) as soon as a chapter has a diagram that is in
 * no cache, rather than once every chapter is parsed; returns whether a page is being opened.
 */
export function prepareDrawing(trees: Root[], drawer: DiagramDrawer | undefined, config: BookConfig, diagnostics: Diagnostics): boolean {
  const sources = trees.flatMap(sourcesIn);
  return drawer !== undefined && sources.length > 0 && drawer.prepare(sources, drawSettings(config), refusal(diagnostics));
}

/** What the book's drawings depend on besides their sources. */
function drawSettings(config: BookConfig): DrawSettings {
  return { language: config.language, width: geometryOf(config.print).textWidthPx };
}

/** Warns of a URL the drawing page was not allowed to load. */
function refusal(diagnostics: Diagnostics): (url: string) => void {
  return (url) => diagnostics.warn(`diagrams: did not load ${url}: the drawing page may only read mermaid and the print fonts`);
}

/**
 * Puts the drawings in place of a chapter's Mermaid blocks and returns the problems found there.
 * `shared`: the chapter's tree is kept in the parser's cache, so it is copied before it changes.
 */
export function placeDiagrams(chapter: Chapter, drawings: Map<string, Drawing>, shared: boolean, config: BookConfig): Diagnostic[] {
  if (sourcesIn(chapter.tree).length === 0) return [];
  // The same sources drawn with the same settings give the same drawings: a shared tree placed
  // before (an unchanged chapter in the dev server) is placed again only when a setting changed.
  const settings = JSON.stringify([chapter.id, config.labels.diagram, config.language, geometryOf(config.print).textWidthPx]);
  const before = shared ? placed.get(chapter.tree) : undefined;
  if (before?.settings === settings) {
    chapter.tree = before.tree;
    return before.problems;
  }
  const original = chapter.tree;
  const tree = shared ? copyTree(original) : original;
  const file = new VFile({ path: path.resolve(config.root, chapter.source) });
  unified().use(rehypeMermaid, { drawings, prefix: chapter.id, noun: config.labels.diagram }).runSync(tree, file);
  chapter.tree = tree;
  const problems = vfileDiagnostics(file, config.root);
  if (shared) placed.set(original, { settings, tree, problems });
  return problems;
}

/** Chapters' trees with their drawings in place, by the shared tree they were made from. */
const placed = new WeakMap<Root, { settings: string; tree: Root; problems: Diagnostic[] }>();

/** The Mermaid sources by tree: a tree the parser keeps is looked at once, not on every rebuild. */
const sourcesOfTree = new WeakMap<Root, string[]>();

/** The Mermaid sources of a tree (read once per tree: trees are not changed but by placing the drawings). */
function sourcesIn(tree: Root): string[] {
  let sources = sourcesOfTree.get(tree);
  if (!sources) {
    sources = mermaidSources(tree);
    sourcesOfTree.set(tree, sources);
  }
  return sources;
}
