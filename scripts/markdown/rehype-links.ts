/**
 * Rewrites links between chapters (`other.md#section`, or `#section` of a heading that landed in
 * another chapter of the same file) to the chapter documents of the book, and reports links that
 * lead nowhere with their line.
 */
import type { Element, Root } from 'hast';
import path from 'node:path';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { decodePercent, isInside, schemeOf } from '../paths.js';

/** Where the anchors of the book ended up. */
export interface LinkTargets {
  /** Absolute source path -> the chapter documents made from it, in order. */
  files: Map<string, { href: string; anchors: Map<string, string> }[]>;
}

export interface LinksOptions {
  targets: LinkTargets;
  /** Absolute path of this chapter's source file. */
  source: string;
  /** This chapter's document (`ch02.xhtml`). */
  href: string;
  root: string;
}

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
        file.message(`broken link "${decodePercent(href)}": ${resolved.problem}; the words are kept without the link`, { place: node.position, ruleId: 'broken-link' });
        // A dead href is an EPUBCheck error (RSC-007) and a dead click in print.
        delete node.properties.href;
      }
    });
  };
}

/** The new href of an in-book link, or why it cannot be followed. */
export function resolveLink(href: string, options: LinksOptions, localIds: Set<string>): { href: string; problem?: undefined } | { href?: undefined; problem: string } {
  const hashAt = href.indexOf('#');
  const filePart = decodePercent(hashAt === -1 ? href : href.slice(0, hashAt));
  const fragment = hashAt === -1 ? '' : decodePercent(href.slice(hashAt + 1));
  if (filePart === '') {
    if (fragment === '') return { href };
    const found = findAnchor(options.targets.files.get(options.source) ?? [], fragment, `no heading or anchor "#${fragment}" in this file`);
    if (found.href?.startsWith(`${options.href}#`)) return { href: found.href.slice(options.href.length) };
    if (found.href === undefined && localIds.has(fragment)) return { href };
    return found;
  }
  const file = filePart.split('?')[0] as string;
  // As for images, a path starting with / is relative to the book root.
  const target = file.startsWith('/') ? path.join(options.root, file) : path.resolve(path.dirname(options.source), file);
  if (!isInside(options.root, target)) return { problem: 'it leaves the book folder' };
  const chapters = options.targets.files.get(target);
  if (!chapters) {
    if (/\.(md|markdown)$/i.test(target)) return { problem: `${path.relative(options.root, target)} is not a chapter of this book` };
    return { problem: `${path.relative(options.root, target)} is not part of the book (only chapters and images are)` };
  }
  if (fragment === '') return { href: (chapters[0] as { href: string }).href };
  return findAnchor(chapters, fragment, `no heading or anchor "#${fragment}" in ${path.relative(options.root, target)}`);
}

/** The chapter document and id where `fragment`, as the author wrote it, now lives. */
function findAnchor(chapters: { href: string; anchors: Map<string, string> }[], fragment: string, problem: string): { href: string; problem?: undefined } | { href?: undefined; problem: string } {
  for (const chapter of chapters) {
    const id = chapter.anchors.get(fragment) ?? chapter.anchors.get(fragment.toLowerCase());
    if (id !== undefined) return { href: `${chapter.href}#${id}` };
  }
  return { problem };
}
