/**
 * Finds every image the chapters use, loads it (local files relative to the chapter or to
 * `assets/`, remote ones through the download cache), checks that it really is an image, and
 * gives it a content-addressed name inside the publication. An image that cannot be had becomes
 * a visible placeholder showing its alt text, with a warning at its line.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';
import type { BookConfig } from '../config/load.js';
import type { Diagnostics } from '../diagnostics.js';
import { sniffImage, type ImageInfo } from '../assets/image-info.js';
import type { RemoteImage } from '../assets/remote.js';
import { cleanSvg } from '../assets/svg.js';
import type { Asset } from './model.js';

interface ImageUse {
  node: Element;
  parent: Element | Root;
  file: string;
  src: string;
}

/** Whether an image source is an http(s) address, downloaded rather than read from the book. */
export function isRemote(src: string): boolean {
  return /^https?:\/\//i.test(src);
}

/**
 * Loads every image of a chapter into `assets` and points each `<img>` at its asset; remote images
 * come from `downloads`, fetched for the whole book at once (assets/remote.ts).
 */
export function resolveImages(tree: Root, file: string, downloads: Map<string, RemoteImage>, config: BookConfig, assets: Map<string, Asset>, diagnostics: Diagnostics): void {
  for (const use of collectImages(tree, file)) {
    const where = [path.relative(config.root, use.file), use.node.position?.start.line, use.node.position?.start.column] as const;
    const download = isRemote(use.src) ? downloads.get(use.src) : undefined;
    if (download?.ok && download.cacheWarning) diagnostics.warn(`image "${use.src}": ${download.cacheWarning}`, ...where);
    const loaded = withCleanSvg(isRemote(use.src) ? fromDownload(download) : loadLocalImage(use.src, use.file, config));
    if ('refused' in loaded) {
      diagnostics.error(`image "${use.src}": ${loaded.refused}`, ...where);
      replaceWithPlaceholder(use, config.labels.imageMissing);
    } else if ('problem' in loaded) {
      diagnostics.warn(`image "${use.src}" left out: ${loaded.problem}; a placeholder shows its alt text`, ...where);
      replaceWithPlaceholder(use, config.labels.imageMissing);
    } else {
      if (loaded.removed?.length) diagnostics.warn(`image "${use.src}": removed ${loaded.removed.join(', ')} from the SVG (a book runs no scripts)`, ...where);
      const asset = registerAsset(assets, loaded.data, loaded.info, use.src);
      use.node.properties.src = asset.href;
      if (typeof use.node.properties.alt !== 'string') use.node.properties.alt = '';
    }
  }
}

/** Every `<img>` with a source, in reading order. */
function collectImages(tree: Root, file: string): ImageUse[] {
  const uses: ImageUse[] = [];
  visit(tree, 'element', (node: Element, _index, parent) => {
    if (node.tagName !== 'img' || !parent) return;
    const src = typeof node.properties.src === 'string' ? node.properties.src.trim() : '';
    uses.push({ node, parent, file, src });
  });
  return uses;
}

export type Loaded = { data: Buffer; info: ImageInfo; removed?: string[] } | { problem: string } | { refused: string };

/** An SVG image without its scripts (and what was removed); other results as they are. */
export function withCleanSvg(loaded: Loaded): Loaded {
  if (!('data' in loaded) || loaded.info.mediaType !== 'image/svg+xml') return loaded;
  const svg = cleanSvg(loaded.data);
  return 'problem' in svg ? svg : { ...loaded, data: svg.data, removed: svg.removed };
}

/** The outcome of a download, as a load result. */
function fromDownload(result: RemoteImage | undefined): Loaded {
  if (!result) return { problem: 'it was not downloaded' };
  return result.ok ? { data: result.data, info: result.info } : { problem: `download failed (${result.reason})` };
}

/** Where a local image may be: relative to the chapter, then to `assets/` (`/x` means the book root). */
function localCandidates(src: string, chapterFile: string, config: BookConfig): string[] {
  let decoded = src.split(/[?#]/)[0] as string;
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // A stray % is part of the file name.
  }
  const root = path.resolve(config.root);
  return decoded.startsWith('/')
    ? [path.join(root, decoded), path.join(config.layout.assetsDir, decoded)]
    : [path.resolve(path.dirname(chapterFile), decoded), path.resolve(config.layout.assetsDir, decoded)];
}

/** Reads a local image, relative to the chapter or else to `assets/`; refuses paths outside the book. */
export function loadLocalImage(src: string, chapterFile: string, config: BookConfig): Loaded {
  if (src === '') return { problem: 'the image has no path' };
  if (/^[a-z][a-z0-9+.-]*:/i.test(src)) return { problem: 'only local files and http(s) addresses can be embedded' };
  const root = path.resolve(config.root);
  const inside = localCandidates(src, chapterFile, config).filter((c) => c.startsWith(root + path.sep));
  if (inside.length === 0) return { refused: 'the path leaves the book folder, so it is not read' };
  const found = inside.find((c) => existsSync(c) && statSync(c).isFile());
  if (!found) return { problem: `no such file (looked for ${inside.map((c) => path.relative(root, c)).join(' and ')})` };
  const data = readFileSync(found);
  const info = sniffImage(data);
  if (!info) return { problem: `${path.relative(root, found)} is not a PNG, JPEG, GIF, WebP or SVG image` };
  return { data, info };
}

/** What an image source currently points at (size and time of the local file), for cache keys. */
export function imageStamp(src: string, chapterFile: string, config: BookConfig): string {
  if (isRemote(src)) return src;
  const stamps = localCandidates(src, chapterFile, config).map((c) => {
    const stat = statSync(c, { throwIfNoEntry: false });
    return stat ? `${stat.size}:${stat.mtimeMs}` : '-';
  });
  return `${src}|${stamps.join('|')}`;
}

/** The image sources of a tree, in order. */
export function imageSources(tree: Root): string[] {
  const sources: string[] = [];
  visit(tree, 'element', (node: Element) => {
    if (node.tagName === 'img') sources.push(typeof node.properties.src === 'string' ? node.properties.src : '');
  });
  return sources;
}

/** Adds an image to the book under a name made from its content, so builds are reproducible. */
export function registerAsset(assets: Map<string, Asset>, data: Buffer, info: ImageInfo, origin: string): Asset {
  const href = `images/${createHash('sha256').update(data).digest('hex').slice(0, 16)}.${info.extension}`;
  let asset = assets.get(href);
  if (!asset) {
    asset = { href, mediaType: info.mediaType, data, origin };
    if (info.width) asset.width = info.width;
    if (info.height) asset.height = info.height;
    assets.set(href, asset);
  }
  return asset;
}

/** Puts a visible note with the alt text where an image could not be embedded. */
function replaceWithPlaceholder(use: ImageUse, label: string): void {
  const alt = typeof use.node.properties.alt === 'string' ? use.node.properties.alt : '';
  const placeholder = h('span', { className: ['image-missing'], role: 'img', ariaLabel: alt || label }, `[${label}${alt ? `: ${alt}` : ''}]`);
  const index = use.parent.children.indexOf(use.node);
  use.parent.children[index] = placeholder;
}
