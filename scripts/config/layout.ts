/**
 * Where a book keeps its files, resolved once: the chapters, the metadata files, images and
 * fonts, stylesheets, outputs, the cache, and the folders a watcher must see. Every stage, the dev
 * watcher and the tests read it from here. Each way of laying out a book is one adapter, tried in
 * order: this tool's own `manuscript/` folder, an mdBook book (`book.toml`), a GitBook/HonKit book
 * (`book.json` or a root `SUMMARY.md`), a plain folder of Markdown files, a single Markdown file.
 * Whatever the layout, a `book.yaml` and a `styles/` folder of ours apply on top when present, and
 * nothing is written into the author's folder but `dist/` and `.cache/`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { BuildError } from '../diagnostics.js';
import { isInside } from '../paths.js';

/** The resolved places of one book. All paths are absolute. */
export interface BookLayout {
  /** Which adapter recognised the folder: `manuscript`, `mdbook`, `gitbook`, `folder` or `file`. */
  kind: 'manuscript' | 'mdbook' | 'gitbook' | 'folder' | 'file';
  /** The layout in words, for the build's first line (`an mdBook book (book.toml, src/)`). */
  description: string;
  root: string;
  /** The folder holding the chapters; chapter paths are relative to it. */
  chaptersDir: string;
  /** The one chapter file of a single-file book. */
  only?: string;
  /** Our metadata file (book.yaml), when the book has one. */
  metadataFile?: string;
  /** mdBook's book.toml, parsed (its metadata is read where book.yaml says nothing). */
  bookToml?: { file: string; data: Record<string, unknown> };
  /** GitBook's book.json, parsed. */
  bookJson?: { file: string; data: Record<string, unknown> };
  assetsDir: string;
  stylesDir: string;
  distDir: string;
  cacheDir: string;
  /** The folders whose changes change the book (existing ones only). */
  watch: string[];
  /** Folders inside the watched ones whose changes never change the book: our own outputs and cache. */
  ignore: string[];
}

/** What every layout shares: ours on top of the author's, outputs and cache at the root. */
function base(root: string, kind: BookLayout['kind'], description: string, chaptersDir: string, metadataDirs = [root, chaptersDir]): BookLayout {
  const layout: BookLayout = {
    kind,
    description,
    root,
    chaptersDir,
    assetsDir: path.join(root, 'assets'),
    stylesDir: path.join(root, 'styles'),
    distDir: path.join(root, 'dist'),
    cacheDir: path.join(root, '.cache'),
    watch: [],
    ignore: [],
  };
  const metadataFile = firstFile(metadataDirs, ['book.yaml', 'book.yml']);
  if (metadataFile) layout.metadataFile = metadataFile;
  layout.ignore = [layout.distDir, layout.cacheDir];
  return layout;
}

/** The first existing file named one of `names` in the first of `dirs` that has one. */
function firstFile(dirs: string[], names: string[]): string | undefined {
  for (const dir of dirs) {
    const found = names.map((n) => path.join(dir, n)).find(isFile);
    if (found) return found;
  }
  return undefined;
}

/** Whether a path is an existing file. */
function isFile(file: string): boolean {
  return existsSync(file) && statSync(file).isFile();
}

/** Whether a path is an existing folder. */
function isFolder(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory();
}

/** A folder that the book's own settings name, refused when it leaves the book. */
function ownFolder(root: string, written: unknown, fallback: string, file: string, key: string): string {
  if (written === undefined) return path.join(root, fallback);
  if (typeof written !== 'string') throw new BuildError(`${path.relative(root, file)}: ${key} must be a folder name`);
  const dir = path.resolve(root, written);
  if (dir !== root && !isInside(root, dir)) throw new BuildError(`${path.relative(root, file)}: ${key} "${written}" leaves the book folder`);
  return dir;
}

/** A TOML or JSON settings file, parsed; a broken one stops the build at its line. */
function readSettings(file: string, root: string): Record<string, unknown> {
  const text = readFileSync(file, 'utf8');
  try {
    const data: unknown = file.endsWith('.toml') ? parseToml(text) : JSON.parse(text);
    if (data && typeof data === 'object' && !Array.isArray(data)) return data as Record<string, unknown>;
  } catch (error) {
    const line = (error as { line?: number }).line;
    throw new BuildError(`${path.relative(root, file)}${line ? `:${line}` : ''}: not valid ${file.endsWith('.toml') ? 'TOML' : 'JSON'}: ${(error as Error).message.split('\n')[0]}`);
  }
  throw new BuildError(`${path.relative(root, file)}: must hold a table of settings`);
}

/** This tool's own layout: manuscript/ (chapters, book.yaml, SUMMARY.md), assets/, styles/, dist/. */
function manuscriptLayout(root: string): BookLayout | undefined {
  const chaptersDir = path.join(root, 'manuscript');
  if (!isFolder(chaptersDir)) return undefined;
  const layout = base(root, 'manuscript', 'a manuscript/ folder', chaptersDir, [chaptersDir]);
  layout.watch = [chaptersDir, layout.assetsDir, layout.stylesDir].filter(isFolder);
  layout.ignore = [];
  return layout;
}

/** An mdBook book: book.toml, the chapters in its `[book] src` (default src/), ordered by src/SUMMARY.md. */
function mdbookLayout(root: string): BookLayout | undefined {
  const file = path.join(root, 'book.toml');
  if (!isFile(file)) return undefined;
  const data = readSettings(file, root);
  const book = (data.book ?? {}) as Record<string, unknown>;
  const chaptersDir = ownFolder(root, book.src, 'src', file, '[book] src');
  const layout = base(root, 'mdbook', `an mdBook book (book.toml, ${path.relative(root, chaptersDir) || '.'}/)`, chaptersDir);
  layout.bookToml = { file, data };
  // Listings included from outside src/ (mdBook's `{{#include ../listings/…}}`) must trigger rebuilds too.
  layout.watch = [root];
  return layout;
}

/** A GitBook/HonKit book: book.json and/or SUMMARY.md at the root; book.json's `root` names the chapters' folder. */
function gitbookLayout(root: string): BookLayout | undefined {
  const file = path.join(root, 'book.json');
  const hasJson = isFile(file);
  if (!hasJson && !isFile(path.join(root, 'SUMMARY.md'))) return undefined;
  const data = hasJson ? readSettings(file, root) : {};
  const chaptersDir = hasJson ? ownFolder(root, data.root, '.', file, 'root') : root;
  const layout = base(root, 'gitbook', `a GitBook/HonKit book (${hasJson ? 'book.json' : 'SUMMARY.md'})`, chaptersDir);
  if (hasJson) layout.bookJson = { file, data };
  layout.watch = [root];
  return layout;
}

/** A plain folder whose Markdown files (at its top or one folder down) are the chapters, in natural file-name order. */
function folderLayout(root: string): BookLayout | undefined {
  if (!hasMarkdown(root, 1)) return undefined;
  const layout = base(root, 'folder', 'a folder of Markdown files', root);
  layout.watch = [root];
  return layout;
}

/** Whether `dir` or its folders down to `depth` levels hold a Markdown file (hidden and private folders aside). */
function hasMarkdown(dir: string, depth: number): boolean {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name.startsWith('_') || entry.name === 'node_modules') continue;
    if (entry.isFile() && /\.(md|markdown)$/i.test(entry.name)) return true;
    if (entry.isDirectory() && depth > 0 && hasMarkdown(path.join(dir, entry.name), depth - 1)) return true;
  }
  return false;
}

/** A single Markdown file: the book is that file, its outputs go to a dist/ beside it. */
function fileLayout(file: string): BookLayout {
  const dir = path.dirname(file);
  const layout = base(dir, 'file', `one Markdown file (${path.basename(file)})`, dir);
  layout.only = file;
  layout.watch = [file, layout.stylesDir, layout.assetsDir].filter(existsSync);
  return layout;
}

/** The layout of the book at `target` (a folder, or one Markdown file); throws a BuildError when it is neither. */
export function resolveLayout(target: string): BookLayout {
  const absolute = path.resolve(target);
  if (isFile(absolute)) {
    if (!/\.(md|markdown)$/i.test(absolute)) throw new BuildError(`${absolute} is not a book: give a folder or a Markdown file (.md)`);
    return fileLayout(absolute);
  }
  if (!isFolder(absolute)) throw new BuildError(`${absolute} does not exist`);
  const layout = manuscriptLayout(absolute) ?? mdbookLayout(absolute) ?? gitbookLayout(absolute) ?? folderLayout(absolute);
  if (!layout) throw new BuildError(`${absolute} is not a book folder: it has no manuscript/ folder, book.toml, book.json, SUMMARY.md or Markdown file`);
  return layout;
}
