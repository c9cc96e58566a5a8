/**
 * Rewrites links between chapters to the chapter documents of the book: `other.md#section`,
 * `#section` of a heading that landed in another chapter of the same file, and the forms mdBook,
 * GitBook and Jekyll books use: `other.html` for `other.md`, a folder (`part/`) for its README.md
 * or index.md, `other/` for `other.md`. A link to another file of the book's folder points at the
 * file in the repository when the book names one; links that lead nowhere are reported with their
 * line, once for each target.
 */
import { statSync } from 'node:fs';
import type { Element, Root } from 'hast';
import path from 'node:path';
import { visit } from './visit.js';
import type { VFile } from 'vfile';
import { repositoryUrl } from '../config/repository.js';
import { problem, severityOf, type Diagnostic } from '../diagnostics.js';
import { decodePercent, isInside, schemeOf } from '../paths.js';

/** The chapter documents made from one source file, in order, with where each of its anchors went. */
type Documents = { href: string; anchors: Map<string, string> }[];

/** Where the anchors of the book ended up. */
export interface LinkTargets {
  /** Absolute source path -> the chapter documents made from it. */
  files: Map<string, Documents>;
}

export interface LinksOptions {
  targets: LinkTargets;
  /** Absolute path of this chapter's source file. */
  source: string;
  /** This chapter's document (`ch02.xhtml`). */
  href: string;
  root: string;
  /** The repository's web address: links to its files that are not chapters lead there. */
  repository?: string | undefined;
}

/** A link's new href, or why it cannot be followed. */
type Resolved = { href: string; problem?: undefined } | { href?: undefined; problem: string };

/** The unified plugin. */
export default function rehypeLinks(options: LinksOptions) {
  return (tree: Root, file: VFile): void => {
    const localIds = new Set<string>();
    visit(tree, 'element', (node: Element) => {
      if (typeof node.properties.id === 'string') localIds.add(node.properties.id);
    });
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'a' || typeof node.properties.href !== 'string') return;
      const href = node.properties.href;
      if (schemeOf(href) || href.startsWith('//')) return;
      const resolved = resolveLink(href, options, localIds);
      if (resolved.href !== undefined) {
        node.properties.href = resolved.href;
      } else {
        const message = file.message(`broken link "${decodePercent(href)}": ${resolved.problem}; the words are kept without the link`, { place: node.position, ruleId: 'broken-link' });
        // What the link leads to, however it was written: the book reports each target once (oneWarningPerTarget).
        message.actual = targetKey(href, options);
        // A dead href is an EPUBCheck error (RSC-007) and a dead click in print.
        delete node.properties.href;
      }
    });
  };
}

/** The new href of an in-book link, or why it cannot be followed. */
export function resolveLink(href: string, options: LinksOptions, localIds: Set<string>): Resolved {
  const { file, fragment } = splitLink(href);
  if (file === '') {
    if (fragment === '') return { href };
    const found = findAnchor(options.targets.files.get(options.source) ?? [], fragment, `no heading or anchor "#${fragment}" in this file`);
    if (found.href?.startsWith(`${options.href}#`)) return { href: found.href.slice(options.href.length) };
    if (found.href === undefined && localIds.has(fragment)) return { href };
    return found;
  }
  const target = linkedPath(file, options);
  if (!isInside(options.root, target)) return { problem: 'it leaves the book folder' };
  const rel = path.relative(options.root, target);
  const found = chapterOf(target, file, options.targets.files);
  if (found) {
    if (fragment === '') return { href: (found.documents[0] as { href: string }).href };
    return findAnchor(found.documents, fragment, `no heading or anchor "#${fragment}" in ${path.relative(options.root, found.file)}`);
  }
  if (options.repository) return repositoryLink(target, href, options.repository, rel);
  if (/\.(md|markdown)$/i.test(target)) return { problem: `${rel} is not a chapter of this book` };
  if (/\.html?$/i.test(target)) return { problem: `neither ${rel} nor ${rel.replace(/\.html?$/i, '.md')} is a chapter of this book` };
  if (file.endsWith('/')) return { problem: `${rel}${path.sep} holds no chapter (README.md or index.md) of this book` };
  return { problem: `${rel} is not part of the book (only chapters and images are)` };
}

/** The file part (percent-decoded, without a query) and the fragment of an href. */
function splitLink(href: string): { file: string; fragment: string } {
  const hashAt = href.indexOf('#');
  const file = decodePercent(hashAt === -1 ? href : href.slice(0, hashAt)).split('?')[0] as string;
  return { file, fragment: hashAt === -1 ? '' : decodePercent(href.slice(hashAt + 1)) };
}

/** The absolute path a link's file part names: relative to the linking file, or to the book root when it starts with `/` (as for images). */
function linkedPath(file: string, options: Pick<LinksOptions, 'source' | 'root'>): string {
  return file.startsWith('/') ? path.resolve(options.root, `.${file}`) : path.resolve(path.dirname(options.source), file);
}

/**
 * The chapter a link names, as the book's tools write it: the Markdown file itself; `other.html`
 * (mdBook, GitBook, Jekyll output names) for `other.md` or `other.markdown`, and `index.html` for
 * the folder's README.md (mdBook's name for it); a folder for its README.md or index.md; `other/`
 * or `other` for `other.md` (Jekyll's pretty permalinks).
 */
function chapterOf(target: string, written: string, files: LinkTargets['files']): { file: string; documents: Documents } | undefined {
  const candidates = [target];
  const html = /\.html?$/i.exec(target);
  if (html) {
    const base = target.slice(0, html.index);
    candidates.push(`${base}.md`, `${base}.markdown`);
    if (path.basename(base).toLowerCase() === 'index') candidates.push(...folderChapters(path.dirname(base), files));
  } else {
    candidates.push(...folderChapters(target, files));
    if (written.endsWith('/') || path.extname(target) === '') candidates.push(`${target}.md`, `${target}.markdown`);
  }
  for (const file of candidates) {
    const documents = files.get(file);
    if (documents) return { file, documents };
  }
  return undefined;
}

/** The chapters that stand for a folder: its README.md (GitBook, mdBook) before its index.md, whatever their case. */
function folderChapters(folder: string, files: LinkTargets['files']): string[] {
  const rank = (file: string) => (/^readme\./i.test(path.basename(file)) ? 0 : 1);
  return [...files.keys()].filter((file) => path.dirname(file) === folder && /^(readme|index)\.(md|markdown)$/i.test(path.basename(file))).sort((a, b) => rank(a) - rank(b));
}

/** A link to a file or folder of the book that is no chapter: to its page in the repository, when it exists. */
function repositoryLink(target: string, href: string, repository: string, rel: string): Resolved {
  const stat = statSync(target, { throwIfNoEntry: false });
  if (!stat) return { problem: `${rel} does not exist` };
  // The fragment as written: a host's own anchors (`#L10`, a heading of a README) are the author's to name.
  const hashAt = href.indexOf('#');
  return { href: `${repositoryUrl(repository, rel.split(path.sep).join('/'), stat.isDirectory())}${hashAt === -1 ? '' : href.slice(hashAt)}` };
}

/** What a link leads to, the same however it was written: the book-relative path of its file, and its fragment. */
function targetKey(href: string, options: LinksOptions): string {
  const { file, fragment } = splitLink(href);
  const target = file === '' ? options.source : linkedPath(file, options);
  return `${path.relative(options.root, target)}${fragment ? `#${fragment}` : ''}`;
}

/** The chapter document and id where `fragment`, as the author wrote it, now lives. */
function findAnchor(chapters: Documents, fragment: string, problem: string): Resolved {
  for (const chapter of chapters) {
    const id = chapter.anchors.get(fragment) ?? chapter.anchors.get(fragment.toLowerCase());
    if (id !== undefined) return { href: `${chapter.href}#${id}` };
  }
  return { problem };
}

/**
 * What the links of a chapter found on the disk, for the key of its cached result: with a
 * repository, a link to a file that is no chapter depends on whether that file (or folder) exists.
 */
export function linkStamps(tree: Root, options: Pick<LinksOptions, 'source' | 'root'>): string[] {
  const stamps: string[] = [];
  visit(tree, 'element', (node: Element) => {
    const href = node.properties.href;
    if (node.tagName !== 'a' || typeof href !== 'string' || schemeOf(href) || href.startsWith('//')) return;
    const { file } = splitLink(href);
    if (file === '') return;
    const stat = statSync(linkedPath(file, options), { throwIfNoEntry: false });
    stamps.push(`${file}:${stat ? (stat.isDirectory() ? 'folder' : 'file') : '-'}`);
  });
  return stamps;
}

/**
 * One warning per broken link target across the book (`lists`: each chapter's messages, in
 * reading order): the first link keeps its place and says how many others lead to the same target.
 */
export function oneWarningPerTarget(lists: Diagnostic[][]): Diagnostic[][] {
  const isBroken = (m: Diagnostic) => m.ruleId === 'broken-link' && m.actual !== undefined;
  const count = new Map<string, number>();
  for (const m of lists.flat()) if (isBroken(m)) count.set(m.actual as string, (count.get(m.actual as string) ?? 0) + 1);
  const reported = new Set<string>();
  return lists.map((list) =>
    list.flatMap((m) => {
      if (!isBroken(m)) return [m];
      const target = m.actual as string;
      if (reported.has(target)) return [];
      reported.add(target);
      const others = (count.get(target) ?? 1) - 1;
      if (others === 0) return [m];
      // A new message: the one given may be a cached value that other builds read too.
      const merged = problem(severityOf(m), `${m.reason}, here and in ${others} other link${others === 1 ? '' : 's'} to it`, { file: m.file, line: m.line, column: m.column, ruleId: m.ruleId });
      merged.actual = target;
      return [merged];
    }),
  );
}
