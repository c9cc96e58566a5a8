/**
 * Builds the manuscript model: orders the chapter files, parses each once, splits them into
 * chapters, then makes ids, links and images right for the book as a whole. With a parser that
 * keeps its results (the dev server), each chapter's book-wide results are reused while
 * everything they depend on is unchanged, so a one-chapter edit costs about one chapter.
 */
import path from 'node:path';
import GithubSlugger from 'github-slugger';
import type { Root } from 'hast';
import { h } from 'hastscript';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { BookConfig } from '../config/load.js';
import { BuildError, Diagnostics, messageDiagnostics, vfileDiagnostics, type Diagnostic } from '../diagnostics.js';
import rehypeHeadingIds, { headingText, type IdRegistry } from '../markdown/rehype-heading-ids.js';
import rehypeLinks, { linkStamps, oneWarningPerTarget, type LinkTargets } from '../markdown/rehype-links.js';
import { hashParts } from '../cache/key.js';
import type { Key } from '../cache/store.js';
import type { IdsResult, ResolvedResult } from './chapter-memo.js';
import { fetchRemoteImages, type RemoteImage } from '../assets/remote.js';
import { imageSources, imageStamp, loadLocalImage, registerAsset, resolveImages, withCleanSvg } from './images.js';
import { isWebAddress } from '../paths.js';
import type { Asset, Chapter, Manuscript } from './model.js';
import { copyTree, ManuscriptParser, titleFromFileName, type ParsedChapter, type ParsedFile } from './parse.js';
import { listSources, unlistedWarning, type Source } from './sources.js';
import { loadStylesheet } from '../assets/stylesheet.js';
import { UnknownLanguages } from './unknown-languages.js';
import type { DiagramDrawer } from '../diagrams/drawer.js';
import { placeDiagrams, prepareDrawing, startDrawing } from './diagrams.js';
import { numberCaptions } from './captions.js';

/** A chapter on its way through the book-wide passes. */
interface Pending {
  chapter: Chapter;
  file: string;
  parsed: ParsedFile;
  part: ParsedChapter;
  /** Position of the chapter within its file. */
  chunk: number;
  ids?: IdsResult;
  idsKey?: Key;
}

/**
 * Loads the book's chapters and assets; `parser` may be kept between builds as a cache. `drawer`
 * draws the Mermaid diagrams (without one, they stay code blocks).
 */
export async function loadManuscript(config: BookConfig, diagnostics: Diagnostics, parser = new ManuscriptParser(config.labels, { language: config.language, root: config.root }), drawer?: DiagramDrawer): Promise<Manuscript> {
  const listed = listSources(config.layout.chaptersDir, config.chapters, config.layout.metadataFile, config.layout.kind === 'file');
  const { sources } = listed;
  if (sources.length === 0) {
    diagnostics.add(relativeTo(config.root, listed.problems));
    throw new BuildError('the book has no chapters');
  }

  const languages = new UnknownLanguages();
  const includes = new Set<string>();
  const pending: Pending[] = [];
  let preparing = false;
  let parseMs = 0;
  for (const source of sources) {
    // Parsing holds the event loop. While the drawing page opens (the printing modules load,
    // Chromium starts, mermaid loads) and draws, a tenth of the parsing time goes to it between
    // files: each step waits for the loop, and it needs dozens of them.
    if (preparing && drawer?.busy) await new Promise((resolve) => setTimeout(resolve, Math.max(1, parseMs / 10)));
    const started = performance.now();
    const parsed = parser.parse(source.file);
    for (const included of parsed.includes) includes.add(included.file);
    diagnostics.add(languages.take(messageDiagnostics(parsed.messages, source.file, config.root)));
    const chapters = chaptersOf(source, parsed, config, diagnostics);
    preparing ||= prepareDrawing(chapters.map((p) => p.part.tree), drawer, config, diagnostics);
    pending.push(...chapters);
    parseMs = performance.now() - started;
  }
  diagnostics.add(languages.warnings());
  // Files that chapters include are part of the book, though no chapter list names them.
  const unlisted = unlistedWarning(
    listed.unlisted.filter((file) => !includes.has(file)),
    listed.order,
    config.layout.chaptersDir,
  );
  diagnostics.add(relativeTo(config.root, listed.problems.map((p) => (p.ruleId === 'unlisted-chapters' ? unlisted : p)).filter((p): p is Diagnostic => p !== undefined)));
  // An EPUB needs at least one entry in its contents, and a PDF of front matter alone is no book.
  if (pending.length === 0) throw new BuildError(`the book has no chapters: every file in ${path.relative(config.root, config.layout.chaptersDir) || '.'}/ is empty`);
  pending.forEach((p, index) => {
    p.chapter.index = index;
    p.chapter.id = `ch${String(index + 1).padStart(2, '0')}`;
  });
  // Diagrams are drawn while the book-wide passes below run.
  const drawing = startDrawing(pending.map((p) => p.part.tree), drawer, config, diagnostics);

  const targets = assignIds(pending, parser, config);
  const memo = parser.memo;
  const targetsKey = memo ? targetsSignature(targets) : '';
  const keys = pending.map((p) => memo?.links.key(...resolvedParts(p, targetsKey, config)));
  const hits = keys.map((key) => key && memo?.links.get(key));
  // One batch of downloads for the whole book (at most six at a time), for the chapters to redo.
  const remoteImages = pending.flatMap((p, i) => (hits[i] ? [] : (p.ids as IdsResult).images.filter(isWebAddress)));
  const downloads = await fetchRemoteImages([...new Set(remoteImages)], { cacheDir: config.layout.cacheDir });
  const assets = new Map<string, Asset>();
  const resolved = pending.map((p, i) => hits[i] ?? resolveChapter(p, keys[i], targets, downloads, parser, config));
  const messages = oneWarningPerTarget(resolved.map((r) => r.messages));
  resolved.forEach((r, i) => {
    const p = pending[i] as Pending;
    p.chapter.tree = r.tree;
    if (hits[i]) p.chapter.treeKey = keys[i]?.hash;
    diagnostics.add((p.ids as IdsResult).messages);
    diagnostics.add(messages[i] as Diagnostic[]);
    for (const asset of r.assets) if (!assets.has(asset.href)) assets.set(asset.href, asset);
  });
  const drawings = await drawing;
  if (drawings) for (const p of pending) diagnostics.add(placeDiagrams(p.chapter, drawings, memo !== undefined, config));
  numberCaptions(pending.map((p) => p.chapter), config, memo !== undefined);
  parser.sweep();
  drawer?.sweep();

  const styles = { epub: loadStylesheet(config, 'epub.css', diagnostics), print: loadStylesheet(config, 'print.css', diagnostics) };
  const manuscript: Manuscript = { config, chapters: pending.map((p) => p.chapter), assets, styles, plugins: parser.plugins };
  if (includes.size) manuscript.includes = [...includes];
  const cover = config.cover && loadCover(config, assets, diagnostics);
  if (cover) manuscript.cover = cover;
  return manuscript;
}

/** Problems placed by absolute path, placed relative to the book root instead. */
function relativeTo(root: string, problems: Diagnostic[]): Diagnostic[] {
  for (const p of problems) if (p.file) p.file = path.relative(root, p.file);
  return problems;
}

/** The document a chapter becomes in every output (`ch02.xhtml`). */
export function chapterHref(chapter: Pick<Chapter, 'id'>): string {
  return `${chapter.id}.xhtml`;
}

/** The chapters of one parsed source file (ids and trees come later). */
function chaptersOf(source: Source, parsed: ParsedFile, config: BookConfig, diagnostics: Diagnostics): Pending[] {
  if (parsed.chapters.length === 0) diagnostics.warn('the file is empty: no chapter made from it', path.relative(config.root, source.file));
  return parsed.chapters.map((part, chunk): Pending => {
    // mdBook's {{#title}} names the page; it titles the chapter only when neither an H1 nor SUMMARY.md does.
    const given = part.heading || (chunk === 0 ? source.title || parsed.directiveTitle || parsed.matterTitle : undefined);
    const title = given || titleFromFileName(source.file);
    // A title page or copyright page needs no heading: it is named by its role.
    if (!given && !parsed.matterRole) {
      // Text above a file's first H1 is a chapter of its own: say so, rather than that the file has no H1.
      const what = parsed.chapters.length > 1 ? 'the text before the first H1 heading is a chapter of its own' : 'no H1 heading and no front matter title';
      diagnostics.warn(`${what}: the chapter is titled "${title}" after its file name`, path.relative(config.root, source.file), part.line);
    }
    const chapter: Chapter = {
      index: 0,
      id: '',
      source: path.relative(config.root, source.file),
      line: part.line,
      title,
      depth: source.depth,
      headings: [],
      tree: part.tree,
    };
    if (chunk === 0 && source.partTitle) chapter.partTitle = source.partTitle;
    if (source.outsideParts) chapter.outsideParts = true;
    if (parsed.matterRole) chapter.role = parsed.matterRole;
    return { chapter, file: source.file, parsed, part, chunk };
  });
}

/**
 * Gives headings book-wide unique ids in reading order and records where each anchor went. A
 * chapter's ids depend on its own text and on the ids used before it, which is its memo key.
 */
function assignIds(pending: Pending[], parser: ManuscriptParser, config: BookConfig): LinkTargets {
  const registry: IdRegistry = { used: new Set() };
  const targets: LinkTargets = { files: new Map() };
  let slugger = new GithubSlugger();
  let usedSignature = '';
  // What reused chapters did to the registry and to their file's slugger matters only to a chapter
  // redone after them: it is replayed then, not on every save for every chapter.
  let owedIds: IdsResult[] = [];
  let owedSlugs: IdsResult[] = [];
  pending.forEach((p, i) => {
    if (i === 0 || pending[i - 1]?.file !== p.file) {
      slugger = new GithubSlugger();
      owedSlugs = [];
    }
    // The file, the parser's settings and the root too: the tree and the messages' paths depend on them.
    const key = parser.memo?.ids.key(p.file, p.parsed.hash, parser.settings, config.root, String(p.chunk), p.chapter.title, usedSignature);
    let ids = key && parser.memo?.ids.get(key);
    if (ids) {
      owedIds.push(ids);
      owedSlugs.push(ids);
    } else {
      for (const done of owedIds) for (const id of done.registered) registry.used.add(id);
      for (const done of owedSlugs) for (const text of done.slugged) slugger.slug(text);
      owedIds = [];
      owedSlugs = [];
      ids = runIds(p, registry, slugger, parser.memo !== undefined, config);
      if (key) parser.memo?.ids.set(key, ids);
    }
    p.ids = ids;
    if (key) p.idsKey = key;
    p.chapter.headings = ids.headings;
    usedSignature = hashParts(usedSignature, ...ids.registered);
    const entries = targets.files.get(p.file) ?? [];
    entries.push({ href: chapterHref(p.chapter), anchors: ids.anchors });
    targets.files.set(p.file, entries);
  });
  return targets;
}

/** Runs the id pass on one chapter, recording what a memo hit must replay. */
function runIds(p: Pending, registry: IdRegistry, slugger: GithubSlugger, shared: boolean, config: BookConfig): IdsResult {
  const tree = shared ? copyTree(p.part.tree) : p.part.tree;
  // A chapter without an H1 (a Jekyll post titled in its front matter) still opens with its title,
  // which also stands in for an H1 left empty (`# `). The author's title or copyright page is shown as written.
  if (!p.part.heading && !p.chapter.role) {
    const first = tree.children.find((c) => c.type === 'element');
    if (first?.type === 'element' && first.tagName === 'h1' && !headingText(first)) tree.children.splice(tree.children.indexOf(first), 1);
    tree.children.unshift(h('h1', p.chapter.title));
  }
  const before = registry.used.size;
  const slugged: string[] = [];
  const recording = Object.assign(Object.create(slugger) as GithubSlugger, {
    slug: (text: string, maintainCase?: boolean) => {
      slugged.push(text);
      return slugger.slug(text, maintainCase);
    },
  });
  const result: IdsResult = { tree, anchors: new Map(), headings: [], registered: [], slugged, images: [], messages: [] };
  const vfile = new VFile({ path: p.file });
  unified().use(rehypeHeadingIds, { registry, fileSlugger: recording, anchors: result.anchors, headings: result.headings, maxDepth: 3 }).runSync(tree, vfile);
  result.registered = [...registry.used].slice(before);
  result.images = imageSources(tree);
  result.messages = vfileDiagnostics(vfile, config.root);
  return result;
}

/**
 * What a chapter's links and images depend on: its id-pass result, its place, every anchor, its
 * image files, and with a repository the repository and which linked files exist.
 */
function resolvedParts(p: Pending, targetsKey: string, config: BookConfig): string[] {
  const ids = p.ids as IdsResult;
  const links = config.repository ? [config.repository, ...linkStamps(ids.tree, { source: p.file, root: path.resolve(config.root) })] : [];
  return [(p.idsKey as Key).hash, p.chapter.id, targetsKey, ...ids.images.map((src) => imageStamp(src, p.file, config)), ...links];
}

/** Rewrites a chapter's links and loads its images (remote ones from `downloads`), remembering the result at `key`. */
function resolveChapter(p: Pending, key: Key | undefined, targets: LinkTargets, downloads: Map<string, RemoteImage>, parser: ManuscriptParser, config: BookConfig): ResolvedResult {
  const ids = p.ids as IdsResult;
  const tree: Root = parser.memo ? copyTree(ids.tree) : ids.tree;
  const vfile = new VFile({ path: p.file });
  unified().use(rehypeLinks, { targets, source: p.file, href: chapterHref(p.chapter), root: path.resolve(config.root), repository: config.repository }).runSync(tree, vfile);
  const scratch = new Diagnostics();
  const assets = new Map<string, Asset>();
  resolveImages(tree, p.file, downloads, config, assets, scratch);
  const result: ResolvedResult = { tree, assets: [...assets.values()], messages: [...vfileDiagnostics(vfile, config.root), ...scratch.list] };
  // An image problem may be gone next time (a download, a file still being copied): do not remember it.
  if (key && scratch.list.length === 0) {
    parser.memo?.links.set(key, result);
    p.chapter.treeKey = key.hash;
  }
  return result;
}

/** A signature of where every anchor of the book lives; links must be redone when it changes. */
function targetsSignature(targets: LinkTargets): string {
  const parts: string[] = [];
  for (const [file, entries] of targets.files) for (const e of entries) parts.push(file, e.href, ...[...e.anchors].flat());
  return hashParts(...parts);
}

/** Loads the cover image named in the metadata. */
function loadCover(config: BookConfig, assets: Map<string, Asset>, diagnostics: Diagnostics): Asset | undefined {
  const cover = config.cover as string;
  const metadataFile = config.layout.metadataFile && path.relative(config.root, config.layout.metadataFile);
  const loaded = withCleanSvg(loadLocalImage(path.relative(config.root, cover), path.join(config.root, 'book'), config));
  if (!('data' in loaded)) {
    diagnostics.error(`cover: ${loaded.problem.reason}`, metadataFile, undefined, undefined, loaded.problem.ruleId);
    return undefined;
  }
  if (loaded.removed?.length) diagnostics.warn(`cover: removed ${loaded.removed.join(', ')} from the SVG (a book runs no scripts)`, metadataFile);
  for (const warning of loaded.warnings ?? []) diagnostics.warn(`cover: ${warning}`, metadataFile, undefined, undefined, 'svg-doctype');
  return registerAsset(assets, loaded.data, loaded.info, path.relative(config.root, cover));
}
