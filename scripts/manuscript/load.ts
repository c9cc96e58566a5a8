/**
 * Builds the manuscript model: orders the chapter files, parses each once, splits them into
 * chapters, then makes ids, links and images right for the book as a whole.
 */
import path from 'node:path';
import GithubSlugger from 'github-slugger';
import { h } from 'hastscript';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { BookConfig } from '../config/load.js';
import { BuildError, type Diagnostics } from '../diagnostics.js';
import rehypeHeadingIds, { type IdRegistry } from '../markdown/rehype-heading-ids.js';
import rehypeLinks, { type LinkTargets } from '../markdown/rehype-links.js';
import { loadLocalImage, registerAsset, resolveImages } from './images.js';
import type { Asset, Chapter, Heading, Manuscript } from './model.js';
import { ManuscriptParser, titleFromFileName } from './parse.js';
import { listSources } from './sources.js';

/** Loads the book's chapters and assets; `parser` may be kept between builds as a cache. */
export async function loadManuscript(config: BookConfig, diagnostics: Diagnostics, parser = new ManuscriptParser(config.labels)): Promise<Manuscript> {
  const { sources, problems } = listSources(config.manuscriptDir, config.chapters);
  for (const p of problems) diagnostics[p.severity === 'error' ? 'error' : 'warn'](p.message, path.relative(config.root, p.file), p.line, p.column);
  if (sources.length === 0) throw new BuildError('the book has no chapters');

  const chapters: Chapter[] = [];
  const files: { file: string; vfile: VFile; chapters: Chapter[] }[] = [];
  for (const source of sources) {
    const parsed = parser.parse(source.file);
    const vfile = new VFile({ path: source.file });
    vfile.messages.push(...parsed.messages);
    const made = parsed.chapters.map((c, i): Chapter => {
      const index = chapters.length;
      const chapter: Chapter = {
        index,
        id: `ch${String(index + 1).padStart(2, '0')}`,
        source: path.relative(config.root, source.file),
        line: c.line,
        title: c.heading || (i === 0 ? source.title || parsed.matterTitle : undefined) || titleFromFileName(source.file),
        depth: source.depth,
        headings: [],
        tree: c.tree,
      };
      if (i === 0 && source.partTitle) chapter.partTitle = source.partTitle;
      // A chapter without an H1 (a Jekyll post titled in its front matter) still opens with its title.
      if (!c.heading) chapter.tree.children.unshift(h('h1', chapter.title));
      chapters.push(chapter);
      return chapter;
    });
    if (made.length === 0) diagnostics.warn('the file is empty: no chapter made from it', path.relative(config.root, source.file));
    files.push({ file: source.file, vfile, chapters: made });
  }

  const targets = assignIds(files);
  for (const { file, vfile, chapters: made } of files) {
    for (const chapter of made) {
      unified().use(rehypeLinks, { targets, source: file, href: chapterHref(chapter), root: path.resolve(config.root) }).runSync(chapter.tree, vfile);
    }
    diagnostics.fromVFile(vfile, config.root);
  }

  const assets = new Map<string, Asset>();
  await resolveImages(files.flatMap((f) => f.chapters.map((c) => ({ tree: c.tree, file: f.file }))), config, assets, diagnostics);
  const manuscript: Manuscript = { config, chapters, assets };
  const cover = config.cover && loadCover(config, assets, diagnostics);
  if (cover) manuscript.cover = cover;
  return manuscript;
}

/** The document a chapter becomes in every output (`ch02.xhtml`). */
export function chapterHref(chapter: Pick<Chapter, 'id'>): string {
  return `${chapter.id}.xhtml`;
}

/** Gives headings book-wide unique ids in reading order and records where each anchor went. */
function assignIds(files: { file: string; vfile: VFile; chapters: Chapter[] }[]): LinkTargets {
  const registry: IdRegistry = { used: new Set() };
  const targets: LinkTargets = { files: new Map() };
  for (const { file, vfile, chapters } of files) {
    const fileSlugger = new GithubSlugger();
    const entries = chapters.map((chapter) => {
      const anchors = new Map<string, string>();
      const headings: Heading[] = [];
      unified().use(rehypeHeadingIds, { registry, fileSlugger, anchors, headings, maxDepth: 3 }).runSync(chapter.tree, vfile);
      chapter.headings = headings;
      return { href: chapterHref(chapter), anchors };
    });
    targets.files.set(file, entries);
  }
  return targets;
}

/** Loads the cover image named in the metadata. */
function loadCover(config: BookConfig, assets: Map<string, Asset>, diagnostics: Diagnostics): Asset | undefined {
  const cover = config.cover as string;
  const loaded = loadLocalImage(path.relative(config.root, cover), path.join(config.root, 'book'), config);
  if ('data' in loaded) return registerAsset(assets, loaded.data, loaded.info, path.relative(config.root, cover));
  diagnostics.error(`cover: ${'problem' in loaded ? loaded.problem : loaded.refused}`, config.metadataFile && path.relative(config.root, config.metadataFile));
  return undefined;
}
