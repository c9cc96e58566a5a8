/**
 * Where a book keeps its files, resolved once: the chapters, the metadata file, the chapter list,
 * images and fonts, stylesheets, outputs, the cache, and the folders a watcher must see. Every
 * stage, the dev watcher and the tests read it from here. Each way of laying out a book is one
 * adapter; the first that recognises the folder wins.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { BuildError } from '../diagnostics.js';

/** The resolved places of one book. All paths are absolute. */
export interface BookLayout {
  /** Which adapter recognised the folder (`manuscript`). */
  kind: string;
  root: string;
  /** The folder holding the chapters; chapter paths are relative to it. */
  chaptersDir: string;
  /** The metadata file, when the book has one. */
  metadataFile?: string;
  /** The chapter list (SUMMARY.md), when the book has one. */
  summaryFile?: string;
  assetsDir: string;
  stylesDir: string;
  distDir: string;
  cacheDir: string;
  /** The folders whose changes change the book (existing ones only). */
  watch: string[];
}

/** One way of laying out a book folder. */
interface LayoutAdapter {
  kind: string;
  /** The layout of `root` when the folder is laid out this way. */
  detect(root: string): BookLayout | undefined;
}

/** The first existing file of `names` in `dir`. */
function firstFile(dir: string, names: string[]): string | undefined {
  return names.map((n) => path.join(dir, n)).find((f) => existsSync(f) && statSync(f).isFile());
}

/** This tool's own layout: manuscript/ (chapters, book.yaml, SUMMARY.md), assets/, styles/, dist/. */
const manuscriptLayout: LayoutAdapter = {
  kind: 'manuscript',
  detect(root) {
    const chaptersDir = path.join(root, 'manuscript');
    if (!existsSync(chaptersDir) || !statSync(chaptersDir).isDirectory()) return undefined;
    const layout: BookLayout = {
      kind: this.kind,
      root,
      chaptersDir,
      assetsDir: path.join(root, 'assets'),
      stylesDir: path.join(root, 'styles'),
      distDir: path.join(root, 'dist'),
      cacheDir: path.join(root, '.cache'),
      watch: [],
    };
    const metadataFile = firstFile(chaptersDir, ['book.yaml', 'book.yml']);
    if (metadataFile) layout.metadataFile = metadataFile;
    const summaryFile = firstFile(chaptersDir, ['SUMMARY.md']);
    if (summaryFile) layout.summaryFile = summaryFile;
    layout.watch = [chaptersDir, layout.assetsDir, layout.stylesDir].filter((f) => existsSync(f));
    return layout;
  },
};

/** The adapters, most specific first. */
const adapters: LayoutAdapter[] = [manuscriptLayout];

/** The layout of the book folder `root`; throws a BuildError when no adapter recognises it. */
export function resolveLayout(root: string): BookLayout {
  const absolute = path.resolve(root);
  for (const adapter of adapters) {
    const layout = adapter.detect(absolute);
    if (layout) return layout;
  }
  throw new BuildError(`${absolute} is not a book folder: it has no manuscript/ folder`);
}
